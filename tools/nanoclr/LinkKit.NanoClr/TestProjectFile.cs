using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace LinkKit.NanoClr
{
    /// <summary>The parts of a nanoFramework .nfproj the runner needs: its sources, the class libraries and projects it references.</summary>
    internal sealed class TestProjectFile
    {
        private static readonly XNamespace Ns = "http://schemas.microsoft.com/developer/msbuild/2003";
        // Supplied by the runner itself, not looked up in NF_REFS.
        private static readonly string[] Provided = { "mscorlib", "nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher" };

        public string Name { get; private init; }
        public string[] Sources { get; private init; }
        public string[] LibraryReferences { get; private init; }
        public string AssemblyName { get; private init; }
        /// <summary>The assembly names of the referenced .nfproj projects.</summary>
        public string[] ProjectReferences { get; private init; }
        /// <summary>The referenced .nfproj files, full paths, in the order listed.</summary>
        public string[] ProjectReferencePaths { get; private init; }
        /// <summary>Each class library's HintPath as written (..\packages\&lt;id&gt;.&lt;version&gt;\lib\&lt;assembly&gt;.dll), by reference name.</summary>
        public Dictionary<string, string> HintPaths { get; private init; }
        /// <summary>The full path of the project file.</summary>
        public string FullPath { get; private init; }

        public static TestProjectFile Load(string path)
        {
            XDocument project = XDocument.Load(path);
            string dir = Path.GetDirectoryName(Path.GetFullPath(path));
            string[] projectReferencePaths = project.Descendants(Ns + "ProjectReference")
                .Select(e => Path.GetFullPath(Path.Combine(dir, e.Attribute("Include").Value.Replace('\\', '/'))))
                .ToArray();
            return new TestProjectFile
            {
                FullPath = Path.GetFullPath(path),
                ProjectReferencePaths = projectReferencePaths,
                HintPaths = project.Descendants(Ns + "Reference")
                    .Where(e => e.Element(Ns + "HintPath") != null)
                    .ToDictionary(e => e.Attribute("Include").Value, e => e.Element(Ns + "HintPath").Value.Trim()),
                Name = Path.GetFileNameWithoutExtension(path),
                Sources = project.Descendants(Ns + "Compile")
                    .Select(e => Path.GetFullPath(Path.Combine(dir, e.Attribute("Include").Value.Replace('\\', '/'))))
                    .ToArray(),
                LibraryReferences = project.Descendants(Ns + "Reference")
                    .Select(e => e.Attribute("Include").Value)
                    .Where(name => !Provided.Contains(name))
                    .ToArray(),
                AssemblyName = project.Descendants(Ns + "AssemblyName").Select(e => e.Value).FirstOrDefault(),
                ProjectReferences = projectReferencePaths.Select(p => Load(p).AssemblyName).ToArray(),
            };
        }
    }
}
