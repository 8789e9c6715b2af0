using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace LinkKit.Nano.Tests.Host.Lint
{
    /// <summary>
    /// The metadata lint on the real nanoFramework builds (must be clean) and on small deliberately bad
    /// samples compiled here with Roslyn against nanoFramework's mscorlib alone (each rule must fire, at the
    /// member that uses the construct, in Debug and Release builds).
    /// </summary>
    public sealed class NanoMetadataLintTests
    {
        private static readonly string GateDir = Path.Combine(AppContext.BaseDirectory, "nano-gate");
        private static readonly Lazy<MetadataReference> NanoCorLib = new(() =>
            MetadataReference.CreateFromFile(Path.Combine(GateDir, "mscorlib.dll")));

        private readonly ITestOutputHelper _output;

        public NanoMetadataLintTests(ITestOutputHelper output) { _output = output; }

        // ---- the real gate outputs ----

        [Fact]
        public void LinkKit_Nano_gate_assembly_has_no_findings() => AssertClean("LinkKit.Nano.dll");

        [Fact]
        public void LinkKit_Nano_Registration_gate_assembly_has_no_findings() => AssertClean("LinkKit.Nano.Registration.dll", "LinkKit.Nano");

        [Fact]
        public void LinkKit_Nano_Ota_gate_assembly_has_no_findings() => AssertClean("LinkKit.Nano.Ota.dll", "LinkKit.Nano", "LinkKit.Nano.Registration");

        /// <summary>The optional Json assembly may reference nanoFramework.Json and the Hashtable's System.Collections besides the SDK.</summary>
        [Fact]
        public void LinkKit_Nano_Json_gate_assembly_has_no_findings() =>
            AssertClean("LinkKit.Nano.Json.dll", "LinkKit.Nano", "nanoFramework.Json", "nanoFramework.System.Collections");

        [Fact]
        public void NFUnitTest_gate_assembly_has_no_findings() =>
            AssertClean("NFUnitTest.dll", "LinkKit.Nano", "LinkKit.Nano.Registration", "LinkKit.Nano.Ota");

        private void AssertClean(string fileName, params string[] alsoAllowed)
        {
            string path = Path.Combine(GateDir, fileName);
            Assert.True(File.Exists(path), path + " is missing: the CopyNanoGateAssemblies target of LinkKit.Nano.Tests.csproj copies it"
                + " (LinkKit.Nano.Json.dll only when NF_REFS or ../shared/nanoframework/refs holds nanoFramework.Json.dll)");
            List<NanoLintFinding> findings = NanoMetadataLint.LintFile(path, alsoAllowed);
            foreach (NanoLintFinding finding in findings) _output.WriteLine(finding.ToString());
            _output.WriteLine(fileName + ": " + findings.Count + " findings");
            Assert.Empty(findings);
        }

        // ---- deliberately bad samples ----

        /// <summary>A sample and every rule it may fire (each theory row checks one of them at one member).</summary>
        private sealed record Sample(string Source, string[] Fires, LanguageVersion Language = LanguageVersion.CSharp10,
            bool Unsafe = false, bool ReferencesOtherAssembly = false, bool ReleaseOnly = false);

        private static readonly Dictionary<string, Sample> Samples = new()
        {
            ["generic class"] = new(@"
namespace Samples { public class Box<T> { public T Value; } }", new[] { NanoLintRule.GenericTypeDefinition }),

            ["generic method"] = new(@"
namespace Samples { public static class Util { public static T Id<T>(T value) => value; } }", new[] { NanoLintRule.GenericMethodDefinition }),

            ["generic method call"] = new(@"
namespace Samples {
    public static class Util { public static T Id<T>(T value) => value; }
    public static class Caller { public static int Use() => Util.Id(5); }
}", new[] { NanoLintRule.GenericMethodDefinition, NanoLintRule.GenericInstantiation }),

            ["user generic instantiation"] = new(@"
namespace Samples {
    public class MyList<T> { private T[] _items = new T[4]; private int _count; public void Add(T item) { _items[_count++] = item; } }
    public static class Inventory { public static int Fill() { var list = new MyList<int>(); list.Add(1); return 1; } }
}", new[] { NanoLintRule.GenericTypeDefinition, NanoLintRule.GenericInstantiation }),

            ["generic base type"] = new(@"
namespace Samples {
    public class Box<T> { public T Value; }
    public class IntBox : Box<int> { }
}", new[] { NanoLintRule.GenericTypeDefinition, NanoLintRule.GenericInstantiation }),

            ["explicit generic interface implementation"] = new(@"
namespace Samples {
    public interface IHolder<T> { T Get(); }
    public class IntHolder : IHolder<int> { int IHolder<int>.Get() => 1; }
}", new[] { NanoLintRule.GenericTypeDefinition, NanoLintRule.GenericInstantiation }),

            ["Action<int> field and local"] = new(@"
using System;
namespace Samples {
    public class Handlers {
        public Action<int> OnValue;
        public void Fire() { Action<int> local = OnValue; local(1); }
    }
}", new[] { NanoLintRule.GenericInstantiation }),

            ["Func<int,int> lambda"] = new(@"
using System;
namespace Samples { public static class Lambdas { public static int Apply() { Func<int, int> twice = x => x * 2; return twice(3); } } }",
                new[] { NanoLintRule.GenericInstantiation }),

            ["EventHandler<T> event"] = new(@"
using System;
namespace Samples {
    public class ChangedArgs : EventArgs { }
    public class Source { public event EventHandler<ChangedArgs> Changed; public void Raise() { Changed?.Invoke(this, new ChangedArgs()); } }
}", new[] { NanoLintRule.GenericInstantiation }),

            ["int[,] local"] = new(@"
namespace Samples { public static class Grid { public static int Corner() { int[,] cells = new int[2, 2]; cells[1, 1] = 3; return cells[1, 1]; } } }",
                new[] { NanoLintRule.MultidimensionalArray }),

            ["pointer parameter"] = new(@"
namespace Samples { public static unsafe class Memory { public static int Read(int* p) => *p; } }", new[] { NanoLintRule.Pointer }, Unsafe: true),

            ["fixed statement"] = new(@"
namespace Samples { public static unsafe class Pinning { public static int First(byte[] data) { fixed (byte* p = data) { return *p; } } } }",
                new[] { NanoLintRule.Pointer }, Unsafe: true),

            ["function pointer"] = new(@"
namespace Samples {
    public static unsafe class Callbacks {
        private static int Twice(int x) => x * 2;
        public static int Call(delegate*<int, int> f) => f(21);
        public static int Run() => Call(&Twice);
    }
}", new[] { NanoLintRule.FunctionPointer, NanoLintRule.UnsupportedOpcode }, Unsafe: true),

            ["stackalloc"] = new(@"
namespace Samples { public static unsafe class Scratch { public static int Sum() { int* buffer = stackalloc int[4]; buffer[0] = 1; return buffer[0]; } } }",
                new[] { NanoLintRule.Pointer, NanoLintRule.UnsupportedOpcode }, Unsafe: true),

            ["default interface method"] = new(@"
namespace Samples { public interface IGreeter { int Id(); int Twice() => Id() * 2; } }", new[] { NanoLintRule.DefaultInterfaceMethod }),

            ["reference to another assembly"] = new(@"
namespace Samples { public static class UsesOther { public static int Get() => Other.Helper.One(); } }", new[] { NanoLintRule.ForeignAssemblyReference },
                ReferencesOtherAssembly: true),

            ["catch reached from finally"] = new(@"
namespace Samples {
    public delegate void Handler();
    public class Connection {
        public Handler Closed;
        private int _state;
        private void Work() { _state++; }
        private void Quiet() { try { Work(); } catch (System.Exception) { _state = -1; } }
        private void Finish() { Quiet(); }
        public void Run() { try { Work(); } finally { Finish(); } }
        public void Raise() { try { Work(); } finally { Closed(); } }
        public void Nested() { try { Work(); } finally { try { Work(); } catch (System.Exception) { _state = -2; } } }
    }
}", new[] { NanoLintRule.CatchReachedFromFinally }),

            ["call right before try"] = new(@"
namespace Samples {
    public class Gate {
        private int _open;
        private void Enter() { if (_open > 0) throw new System.InvalidOperationException(); _open++; }
        private void Exit() { _open--; }
        public int Use(int x) { Enter(); try { x += _open; } finally { Exit(); } return x; }
    }
}", new[] { NanoLintRule.ThrowBeforeTry }, ReleaseOnly: true), // a Debug build puts a nop between the call and the try

            ["C# 11 RefSafetyRules"] = new(@"
namespace Samples { public static class Plain { public static int One() => 1; } }", new[] { NanoLintRule.RefSafetyRulesAttribute }, LanguageVersion.CSharp11),
        };

        [Theory]
        [InlineData("generic class", NanoLintRule.GenericTypeDefinition, "Samples.Box`1")]
        [InlineData("generic method", NanoLintRule.GenericMethodDefinition, "Samples.Util.Id")]
        [InlineData("generic method call", NanoLintRule.GenericInstantiation, "Samples.Caller.Use")]
        [InlineData("user generic instantiation", NanoLintRule.GenericInstantiation, "Samples.Inventory.Fill")]
        [InlineData("generic base type", NanoLintRule.GenericInstantiation, "Samples.IntBox")]
        [InlineData("explicit generic interface implementation", NanoLintRule.GenericInstantiation, "Samples.IntHolder")]
        [InlineData("explicit generic interface implementation", NanoLintRule.GenericInstantiation, "Samples.IntHolder.Samples.IHolder<System.Int32>.Get")]
        [InlineData("Action<int> field and local", NanoLintRule.GenericInstantiation, "Samples.Handlers.OnValue")]
        [InlineData("Action<int> field and local", NanoLintRule.GenericInstantiation, "Samples.Handlers.Fire")]
        [InlineData("Func<int,int> lambda", NanoLintRule.GenericInstantiation, "Samples.Lambdas.Apply")]
        [InlineData("EventHandler<T> event", NanoLintRule.GenericInstantiation, "Samples.Source.Changed")]
        [InlineData("EventHandler<T> event", NanoLintRule.GenericInstantiation, "Samples.Source.Raise")]
        [InlineData("int[,] local", NanoLintRule.MultidimensionalArray, "Samples.Grid.Corner")]
        [InlineData("pointer parameter", NanoLintRule.Pointer, "Samples.Memory.Read")]
        [InlineData("fixed statement", NanoLintRule.Pointer, "Samples.Pinning.First")]
        [InlineData("function pointer", NanoLintRule.FunctionPointer, "Samples.Callbacks.Call")]
        [InlineData("function pointer", NanoLintRule.UnsupportedOpcode, "Samples.Callbacks.Call")]
        [InlineData("stackalloc", NanoLintRule.UnsupportedOpcode, "Samples.Scratch.Sum")]
        [InlineData("default interface method", NanoLintRule.DefaultInterfaceMethod, "Samples.IGreeter.Twice")]
        [InlineData("reference to another assembly", NanoLintRule.ForeignAssemblyReference, "assembly reference Other")]
        [InlineData("catch reached from finally", NanoLintRule.CatchReachedFromFinally, "Samples.Connection.Run")]
        [InlineData("catch reached from finally", NanoLintRule.CatchReachedFromFinally, "Samples.Connection.Raise")]
        [InlineData("catch reached from finally", NanoLintRule.CatchReachedFromFinally, "Samples.Connection.Nested")]
        [InlineData("call right before try", NanoLintRule.ThrowBeforeTry, "Samples.Gate.Use")]
        [InlineData("C# 11 RefSafetyRules", NanoLintRule.RefSafetyRulesAttribute, "module Sample.dll")]
        [InlineData("C# 11 RefSafetyRules", NanoLintRule.RefSafetyRulesAttribute, "System.Runtime.CompilerServices.RefSafetyRulesAttribute")]
        public void Rule_fires_at_the_offending_member(string sampleName, string rule, string location)
        {
            Sample sample = Samples[sampleName];
            foreach (OptimizationLevel level in new[] { OptimizationLevel.Debug, OptimizationLevel.Release })
            {
                List<NanoLintFinding> findings = NanoMetadataLint.LintImage(Compile(sample, level));
                _output.WriteLine(sampleName + " (" + level + "):");
                foreach (NanoLintFinding finding in findings) _output.WriteLine("  " + finding);

                if (sample.ReleaseOnly && level == OptimizationLevel.Debug) Assert.Empty(findings);
                else Assert.Contains(findings, f => f.Rule == rule && f.Location == location);
                // Nothing fires that the sample does not contain (no false positives on the rest of it).
                Assert.All(findings, f => Assert.Contains(f.Rule, sample.Fires));
            }
        }

        [Fact]
        public void Clean_sample_has_no_findings()
        {
            var clean = new Sample(@"
using System;
using System.Collections;
namespace Samples {
    public delegate void ValueHandler(int value);
    public interface IShape { int Area(); }
    public sealed class Square : IShape { private readonly int _side; public Square(int side) { _side = side; } public int Area() => _side * _side; }
    public ref struct Cursor { public byte[] Buffer; public int Position; public byte Next() => Buffer[Position++]; }
    public readonly struct Pair { public readonly int A; public readonly int B; public Pair(int a, int b) { A = a; B = b; } }
    public class Clean {
        public event ValueHandler Changed;
        public static int[][] Jagged() { int[][] rows = new int[2][]; rows[0] = new int[] { 1, 2 }; rows[1] = new int[3]; return rows; }
        public static int Count() { var list = new ArrayList(); list.Add(new Square(2)); int n = 0; foreach (object o in list) n += ((IShape)o).Area(); return n; }
        public void Raise(int v) { int seen = 0; ValueHandler h = x => seen += x; h(v); Changed?.Invoke(v); Action a = () => { }; a(); }
        public static int ReadAll(byte[] data) { var c = new Cursor { Buffer = data }; int s = 0; while (c.Position < data.Length) s += c.Next(); return s; }
        public static string Name(int code) => code switch { 0 => ""ok"", < 0 => ""error"", _ => ""value"" };
        public static int Guarded(byte[] data) { try { return data[0]; } catch (IndexOutOfRangeException) { return -1; } finally { } }
        private int _held;
        private object _sync = new object();
        public int Locked() { lock (_sync) { return _held; } }
        public int Gated() { bool entered = false; try { _held++; entered = true; return _held; } finally { if (entered) _held--; } }
    }
}", new string[0]); // fires nothing
            foreach (OptimizationLevel level in new[] { OptimizationLevel.Debug, OptimizationLevel.Release })
            {
                List<NanoLintFinding> findings = NanoMetadataLint.LintImage(Compile(clean, level));
                foreach (NanoLintFinding finding in findings) _output.WriteLine(level + ": " + finding);
                Assert.Empty(findings);
            }
        }

        [Fact]
        public void Allow_list_accepts_a_named_reference_and_still_rejects_others()
        {
            byte[] image = Compile(Samples["reference to another assembly"], OptimizationLevel.Debug);
            Assert.Empty(NanoMetadataLint.LintImage(image, "Other"));
            NanoLintFinding finding = Assert.Single(NanoMetadataLint.LintImage(image, "LinkKit.Nano"));
            Assert.Equal(new NanoLintFinding(NanoLintRule.ForeignAssemblyReference, "assembly reference Other",
                "Other, Version=0.0.0.0; types used: Other.Helper"), finding);
        }

        private static byte[] Compile(Sample sample, OptimizationLevel level)
        {
            var references = new List<MetadataReference> { NanoCorLib.Value };
            if (sample.ReferencesOtherAssembly)
            {
                byte[] other = Emit("Other", "namespace Other { public static class Helper { public static int One() => 1; } }",
                    LanguageVersion.CSharp10, false, level, references);
                references.Add(MetadataReference.CreateFromImage(other));
            }
            return Emit("Sample", sample.Source, sample.Language, sample.Unsafe, level, references);
        }

        private static byte[] Emit(string name, string source, LanguageVersion language, bool allowUnsafe, OptimizationLevel level,
            IEnumerable<MetadataReference> references)
        {
            CSharpCompilation compilation = CSharpCompilation.Create(name,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe, optimizationLevel: level));
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
            Assert.True(result.Success, name + " did not compile:\n" + string.Join("\n", result.Diagnostics));
            return image.ToArray();
        }
    }
}
