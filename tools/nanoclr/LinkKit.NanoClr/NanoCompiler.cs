using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace LinkKit.NanoClr
{
    /// <summary>
    /// Compiles sources the way a nanoFramework device build does: against nanoFramework's mscorlib and nothing else but the
    /// given references, C# 10 (C# 11+ emits an attribute the 1.x MetadataProcessor mishandles), optimised.
    /// </summary>
    internal static class NanoCompiler
    {
        /// <param name="xmlDocumentation">When given, the XML documentation file is written there too (as a device build's
        /// GenerateDocumentationFile does); the doc comments are then parsed, which changes nothing in the assembly.</param>
        public static bool Compile(string assemblyName, IEnumerable<string> sources, IEnumerable<string> references,
            string outputDll, out string errors, string xmlDocumentation = null)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp10,
                xmlDocumentation == null ? DocumentationMode.None : DocumentationMode.Parse, preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0" });
            SyntaxTree[] trees = sources
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path, Encoding.UTF8))
                .ToArray();
            CSharpCompilation compilation = CSharpCompilation.Create(assemblyName, trees,
                references.Select(r => (MetadataReference)MetadataReference.CreateFromFile(r)),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                    deterministic: true, nullableContextOptions: NullableContextOptions.Disable));

            EmitResult result;
            using (FileStream output = File.Create(outputDll))
            using (FileStream xml = xmlDocumentation == null ? null : File.Create(xmlDocumentation))
            {
                result = compilation.Emit(output, xmlDocumentationStream: xml);
            }
            errors = string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            if (!result.Success)
            {
                File.Delete(outputDll); // no empty assembly for the next project to trip over
                if (xmlDocumentation != null) File.Delete(xmlDocumentation);
            }
            return result.Success;
        }
    }
}
