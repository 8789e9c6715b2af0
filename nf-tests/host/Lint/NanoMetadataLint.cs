using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace LinkKit.Nano.Tests.Host.Lint
{
    /// <summary>Rule ids of <see cref="NanoMetadataLint"/> (why each matters: docs/nanoframework.md, What the 1.x runtime cannot run).</summary>
    public static class NanoLintRule
    {
        /// <summary>A type with generic parameters: a user <c>Box&lt;T&gt;</c> segfaults the 1.x CLR at load.</summary>
        public const string GenericTypeDefinition = "GenericTypeDefinition";
        /// <summary>A method with generic parameters: runs on 1.x but corrupts values.</summary>
        public const string GenericMethodDefinition = "GenericMethodDefinition";
        /// <summary>Any instantiated generic (TypeSpec, MethodSpec or inside a signature), mscorlib's Action&lt;T&gt;/Func&lt;&gt;/EventHandler&lt;T&gt; included.</summary>
        public const string GenericInstantiation = "GenericInstantiation";
        /// <summary><c>T[,]</c>: the metadata processor rejects it and leaves a truncated .pe.</summary>
        public const string MultidimensionalArray = "MultidimensionalArray";
        /// <summary>Pointer types and pinned locals (<c>byte*</c>, <c>fixed</c>, <c>stackalloc</c> into a pointer): rejected by the metadata processor.</summary>
        public const string Pointer = "Pointer";
        /// <summary>Function pointer types (<c>delegate*&lt;...&gt;</c>).</summary>
        public const string FunctionPointer = "FunctionPointer";
        /// <summary>IL opcodes the 1.x interpreter lacks: <c>localloc</c>, <c>calli</c>, <c>cpblk</c>, <c>initblk</c>.</summary>
        public const string UnsupportedOpcode = "UnsupportedOpcode";
        /// <summary>An interface method with a body (default implementation; static and private ones too): calling a default interface method throws on 1.x.</summary>
        public const string DefaultInterfaceMethod = "DefaultInterfaceMethod";
        /// <summary>A reference to an assembly outside the allow-list (mscorlib plus what the caller allows).</summary>
        public const string ForeignAssemblyReference = "ForeignAssemblyReference";
        /// <summary>C# 11+'s RefSafetyRulesAttribute: the 1.x metadata processor drops it and shifts attributes between members.</summary>
        public const string RefSafetyRulesAttribute = "RefSafetyRulesAttribute";
        /// <summary>
        /// A finally block reaches a catch, a delegate or an interface call (code that may catch): an exception thrown and
        /// caught in code called from a finally block kills nanoCLR 1.x (nanoframework/Home#918).
        /// </summary>
        public const string CatchReachedFromFinally = "CatchReachedFromFinally";
        /// <summary>
        /// A call or throw whose next instruction starts a try: nanoCLR 1.x finds the handler by the return address, so
        /// that try's catch and finally run for an exception thrown before it.
        /// </summary>
        public const string ThrowBeforeTry = "ThrowBeforeTry";
    }

    /// <summary>One thing the nanoFramework 1.x runtime or its metadata processor cannot handle.</summary>
    public sealed record NanoLintFinding(string Rule, string Location, string Detail)
    {
        public override string ToString() => Rule + " at " + Location + ": " + Detail;
    }

    /// <summary>
    /// Inspects a compiled assembly's metadata (System.Reflection.Metadata, no loading) for constructs that
    /// compile against nanoFramework's mscorlib but that the 1.x runtime cannot run. Every signature is decoded
    /// (fields, methods, properties, events, locals, member references, type and method specs) and every method
    /// body's IL is walked, so a finding names the member where the construct is used.
    /// </summary>
    public static partial class NanoMetadataLint
    {
        /// <summary>The core library every nanoFramework assembly references; always allowed.</summary>
        public const string CoreLibrary = "mscorlib";

        public static List<NanoLintFinding> LintFile(string path, params string[] alsoAllowedReferences)
        {
            using FileStream stream = File.OpenRead(path);
            using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
            return Lint(pe, alsoAllowedReferences);
        }

        public static List<NanoLintFinding> LintImage(byte[] image, params string[] alsoAllowedReferences)
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            return Lint(pe, alsoAllowedReferences);
        }

        public static List<NanoLintFinding> Lint(PEReader pe, IEnumerable<string> alsoAllowedReferences)
        {
            var allowed = new HashSet<string>(alsoAllowedReferences, StringComparer.OrdinalIgnoreCase) { CoreLibrary };
            var run = new Run(pe);
            run.CheckAssemblyReferences(allowed);
            run.CheckTypes();
            run.CheckCustomAttributes();
            run.CheckUnvisitedTables();
            run.CheckExceptionFlow();
            return run.Findings;
        }

        [Flags]
        private enum Shape
        {
            None = 0,
            GenericInstantiation = 1,
            MultidimensionalArray = 2,
            Pointer = 4,
            FunctionPointer = 8,
        }

        /// <summary>A decoded signature type: its display name and the unsupported shapes found anywhere inside it.</summary>
        private readonly record struct SigType(string Name, Shape Shape);

        private sealed partial class Run : ISignatureTypeProvider<SigType, object>
        {
            private static readonly Dictionary<ushort, OpCode> OpCodesByValue = LoadOpCodes();

            public readonly List<NanoLintFinding> Findings = new();
            private readonly HashSet<NanoLintFinding> _seen = new();
            // Entities already decoded from a member-level site; the table sweep reports only the others.
            private readonly HashSet<EntityHandle> _visited = new();
            private readonly PEReader _pe;
            private readonly MetadataReader _md;

            public Run(PEReader pe)
            {
                _pe = pe;
                _md = pe.GetMetadataReader();
            }

            private void Add(string rule, string location, string detail)
            {
                var finding = new NanoLintFinding(rule, location, detail);
                if (_seen.Add(finding)) Findings.Add(finding);
            }

            private void Report(SigType type, string location, string what) => Report(type.Shape, location, what + type.Name);

            private void Report(Shape shape, string location, string detail)
            {
                if ((shape & Shape.GenericInstantiation) != 0) Add(NanoLintRule.GenericInstantiation, location, detail);
                if ((shape & Shape.MultidimensionalArray) != 0) Add(NanoLintRule.MultidimensionalArray, location, detail);
                if ((shape & Shape.Pointer) != 0) Add(NanoLintRule.Pointer, location, detail);
                if ((shape & Shape.FunctionPointer) != 0) Add(NanoLintRule.FunctionPointer, location, detail);
            }

            private void Report(MethodSignature<SigType> sig, string location, string what)
            {
                Report(sig.ReturnType, location, what + "return ");
                for (int i = 0; i < sig.ParameterTypes.Length; i++) Report(sig.ParameterTypes[i], location, what + "parameter " + i + " ");
            }

            // ---- assembly-level rules ----

            public void CheckAssemblyReferences(HashSet<string> allowed)
            {
                foreach (AssemblyReferenceHandle handle in _md.AssemblyReferences)
                {
                    AssemblyReference reference = _md.GetAssemblyReference(handle);
                    string name = _md.GetString(reference.Name);
                    if (allowed.Contains(name)) continue;
                    var used = new List<string>();
                    foreach (TypeReferenceHandle typeRef in _md.TypeReferences)
                    {
                        if (_md.GetTypeReference(typeRef).ResolutionScope == handle) used.Add(TypeRefName(typeRef));
                    }
                    Add(NanoLintRule.ForeignAssemblyReference, "assembly reference " + name,
                        name + ", Version=" + reference.Version + "; types used: " + (used.Count == 0 ? "none" : string.Join(", ", used)));
                }
            }

            public void CheckCustomAttributes()
            {
                foreach (CustomAttributeHandle handle in _md.CustomAttributes)
                {
                    CustomAttribute attribute = _md.GetCustomAttribute(handle);
                    CheckToken(attribute.Constructor, Describe(attribute.Parent), "attribute ");
                    if (AttributeTypeName(attribute) == "System.Runtime.CompilerServices.RefSafetyRulesAttribute")
                    {
                        Add(NanoLintRule.RefSafetyRulesAttribute, Describe(attribute.Parent),
                            "[RefSafetyRules] applied (emitted by C# 11+; build with LangVersion 10)");
                    }
                }
            }

            // ---- types and their members ----

            public void CheckTypes()
            {
                foreach (TypeDefinitionHandle handle in _md.TypeDefinitions)
                {
                    TypeDefinition type = _md.GetTypeDefinition(handle);
                    string typeName = TypeDefName(handle);
                    if (typeName == "System.Runtime.CompilerServices.RefSafetyRulesAttribute")
                    {
                        Add(NanoLintRule.RefSafetyRulesAttribute, typeName, "compiler-embedded type (C# 11+; build with LangVersion 10)");
                    }
                    if (type.GetGenericParameters().Count > 0)
                    {
                        Add(NanoLintRule.GenericTypeDefinition, typeName, GenericParameterList(type.GetGenericParameters()));
                    }
                    if (!type.BaseType.IsNil) Report(DecodeTypeHandle(type.BaseType), typeName, "base type ");
                    foreach (InterfaceImplementationHandle impl in type.GetInterfaceImplementations())
                    {
                        Report(DecodeTypeHandle(_md.GetInterfaceImplementation(impl).Interface), typeName, "implements ");
                    }
                    foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                    {
                        FieldDefinition field = _md.GetFieldDefinition(fieldHandle);
                        Report(field.DecodeSignature(this, null), typeName + "." + _md.GetString(field.Name), "field type ");
                    }
                    foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
                    {
                        PropertyDefinition property = _md.GetPropertyDefinition(propertyHandle);
                        Report(property.DecodeSignature(this, null), typeName + "." + _md.GetString(property.Name), "property ");
                    }
                    foreach (EventDefinitionHandle eventHandle in type.GetEvents())
                    {
                        EventDefinition ev = _md.GetEventDefinition(eventHandle);
                        Report(DecodeTypeHandle(ev.Type), typeName + "." + _md.GetString(ev.Name), "event type ");
                    }
                    foreach (MethodImplementationHandle implHandle in type.GetMethodImplementations())
                    {
                        // Explicit interface implementations name the interface member they implement (a MemberRef on a TypeSpec for a generic interface).
                        MethodImplementation impl = _md.GetMethodImplementation(implHandle);
                        CheckToken(impl.MethodDeclaration, Describe(impl.MethodBody), "implements ");
                    }
                    bool isInterface = (type.Attributes & TypeAttributes.ClassSemanticsMask) == TypeAttributes.Interface;
                    foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                    {
                        CheckMethod(methodHandle, typeName, isInterface);
                    }
                }
            }

            private void CheckMethod(MethodDefinitionHandle handle, string typeName, bool inInterface)
            {
                MethodDefinition method = _md.GetMethodDefinition(handle);
                string location = typeName + "." + _md.GetString(method.Name);
                if (method.GetGenericParameters().Count > 0)
                {
                    Add(NanoLintRule.GenericMethodDefinition, location, GenericParameterList(method.GetGenericParameters()));
                }
                Report(method.DecodeSignature(this, null), location, "");
                if (inInterface && (method.Attributes & MethodAttributes.Abstract) == 0 && method.RelativeVirtualAddress != 0)
                {
                    Add(NanoLintRule.DefaultInterfaceMethod, location, "interface method with a body");
                }
                if (method.RelativeVirtualAddress == 0) return;

                MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    _visited.Add(body.LocalSignature);
                    ImmutableArray<SigType> locals = _md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
                    for (int i = 0; i < locals.Length; i++) Report(locals[i], location, "local " + i + " ");
                }
                foreach (ExceptionRegion region in body.ExceptionRegions)
                {
                    if (!region.CatchType.IsNil) Report(DecodeTypeHandle(region.CatchType), location, "catch ");
                }
                WalkIL(body.GetILReader(), location);
            }

            /// <summary>Walks the method's IL: flags unsupported opcodes and decodes every token operand.</summary>
            private void WalkIL(BlobReader il, string location)
            {
                List<IlInstruction> instructions = ReadIL(il, out string unknown);
                foreach (IlInstruction instruction in instructions)
                {
                    ushort value = (ushort)instruction.OpCode.Value;
                    if (value == (ushort)ILOpCode.Localloc || value == (ushort)ILOpCode.Calli
                        || value == (ushort)ILOpCode.Cpblk || value == (ushort)ILOpCode.Initblk)
                    {
                        Add(NanoLintRule.UnsupportedOpcode, location, instruction.OpCode.Name);
                    }
                    if (!instruction.Token.IsNil) CheckToken(instruction.Token, location, instruction.OpCode.Name + " ");
                }
                if (unknown != null) Add(NanoLintRule.UnsupportedOpcode, location, unknown);
            }

            /// <summary>Decodes a method body into instructions; <paramref name="unknown"/> names an opcode the table lacks (decoding stops there).</summary>
            private static List<IlInstruction> ReadIL(BlobReader il, out string unknown)
            {
                var instructions = new List<IlInstruction>();
                unknown = null;
                while (il.RemainingBytes > 0)
                {
                    int offset = il.Offset;
                    ushort value = il.ReadByte();
                    if (value == 0xFE) value = (ushort)(0xFE00 | il.ReadByte());
                    if (!OpCodesByValue.TryGetValue(value, out OpCode opCode))
                    {
                        unknown = "unknown opcode 0x" + value.ToString("X") + " at IL_" + offset.ToString("x4");
                        break;
                    }
                    EntityHandle token = default;
                    switch (opCode.OperandType)
                    {
                        case OperandType.InlineNone:
                            break;
                        case OperandType.ShortInlineBrTarget:
                        case OperandType.ShortInlineI:
                        case OperandType.ShortInlineVar:
                            il.Offset += 1;
                            break;
                        case OperandType.InlineVar:
                            il.Offset += 2;
                            break;
                        case OperandType.InlineI8:
                        case OperandType.InlineR:
                            il.Offset += 8;
                            break;
                        case OperandType.InlineSwitch:
                            int targets = il.ReadInt32();
                            il.Offset += 4 * targets;
                            break;
                        case OperandType.InlineField:
                        case OperandType.InlineMethod:
                        case OperandType.InlineSig:
                        case OperandType.InlineTok:
                        case OperandType.InlineType:
                            token = MetadataTokens.EntityHandle(il.ReadInt32());
                            break;
                        default: // InlineBrTarget, InlineI, InlineString, ShortInlineR
                            il.Offset += 4;
                            break;
                    }
                    instructions.Add(new IlInstruction(offset, il.Offset, opCode, token));
                }
                return instructions;
            }

            private void CheckToken(EntityHandle handle, string location, string what)
            {
                switch (handle.Kind)
                {
                    case HandleKind.TypeSpecification:
                        Report(DecodeTypeHandle(handle), location, what);
                        break;
                    case HandleKind.MethodSpecification:
                        CheckMethodSpec((MethodSpecificationHandle)handle, location, what);
                        break;
                    case HandleKind.MemberReference:
                        CheckMemberRef((MemberReferenceHandle)handle, location, what);
                        break;
                    case HandleKind.StandaloneSignature: // calli
                        _visited.Add(handle);
                        StandaloneSignature sig = _md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                        if (sig.GetKind() == StandaloneSignatureKind.Method) Report(sig.DecodeMethodSignature(this, null), location, what);
                        break;
                }
            }

            private void CheckMethodSpec(MethodSpecificationHandle handle, string location, string what)
            {
                _visited.Add(handle);
                MethodSpecification spec = _md.GetMethodSpecification(handle);
                ImmutableArray<SigType> args = spec.DecodeSignature(this, null);
                var names = new List<string>();
                foreach (SigType arg in args) names.Add(arg.Name);
                Add(NanoLintRule.GenericInstantiation, location, what + MethodName(spec.Method) + "<" + string.Join(",", names) + ">");
                if (spec.Method.Kind == HandleKind.MemberReference) CheckMemberRef((MemberReferenceHandle)spec.Method, location, what);
            }

            private void CheckMemberRef(MemberReferenceHandle handle, string location, string what)
            {
                _visited.Add(handle);
                MemberReference member = _md.GetMemberReference(handle);
                string name = MethodName(handle);
                // The member's name already shows its declaring type.
                if (member.Parent.Kind == HandleKind.TypeSpecification) Report(DecodeTypeHandle(member.Parent).Shape, location, what + name);
                if (member.GetKind() == MemberReferenceKind.Method) Report(member.DecodeMethodSignature(this, null), location, what + name + " ");
                else Report(member.DecodeFieldSignature(this, null), location, what + name + " ");
            }

            /// <summary>Reports TypeSpecs, MethodSpecs, member references and standalone signatures that no member-level site reached.</summary>
            public void CheckUnvisitedTables()
            {
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.MethodSpec); row++)
                {
                    MethodSpecificationHandle handle = MetadataTokens.MethodSpecificationHandle(row);
                    if (!_visited.Contains(handle)) CheckMethodSpec(handle, "MethodSpec 0x" + MetadataTokens.GetToken(handle).ToString("x8"), "");
                }
                foreach (MemberReferenceHandle handle in _md.MemberReferences)
                {
                    if (!_visited.Contains(handle)) CheckMemberRef(handle, "MemberRef 0x" + MetadataTokens.GetToken(handle).ToString("x8"), "");
                }
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.StandAloneSig); row++)
                {
                    StandaloneSignatureHandle handle = MetadataTokens.StandaloneSignatureHandle(row);
                    if (_visited.Contains(handle)) continue;
                    StandaloneSignature sig = _md.GetStandaloneSignature(handle);
                    string location = "StandAloneSig 0x" + MetadataTokens.GetToken(handle).ToString("x8");
                    if (sig.GetKind() == StandaloneSignatureKind.Method) Report(sig.DecodeMethodSignature(this, null), location, "");
                    else foreach (SigType local in sig.DecodeLocalSignature(this, null)) Report(local, location, "local ");
                }
                // Last: member references above have already reported the TypeSpecs they are declared on.
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.TypeSpec); row++)
                {
                    TypeSpecificationHandle handle = MetadataTokens.TypeSpecificationHandle(row);
                    if (!_visited.Contains(handle)) Report(DecodeTypeHandle(handle), "TypeSpec 0x" + MetadataTokens.GetToken(handle).ToString("x8"), "");
                }
            }

            // ---- names ----

            private SigType DecodeTypeHandle(EntityHandle handle)
            {
                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition: return new SigType(TypeDefName((TypeDefinitionHandle)handle), Shape.None);
                    case HandleKind.TypeReference: return new SigType(TypeRefName((TypeReferenceHandle)handle), Shape.None);
                    case HandleKind.TypeSpecification:
                        _visited.Add(handle);
                        return _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    default: return new SigType("?" + handle.Kind, Shape.None);
                }
            }

            private string TypeDefName(TypeDefinitionHandle handle)
            {
                TypeDefinition type = _md.GetTypeDefinition(handle);
                string name = _md.GetString(type.Name);
                TypeDefinitionHandle declaring = type.GetDeclaringType();
                if (!declaring.IsNil) return TypeDefName(declaring) + "+" + name;
                string ns = _md.GetString(type.Namespace);
                return ns.Length == 0 ? name : ns + "." + name;
            }

            private string TypeRefName(TypeReferenceHandle handle)
            {
                TypeReference type = _md.GetTypeReference(handle);
                string name = _md.GetString(type.Name);
                if (type.ResolutionScope.Kind == HandleKind.TypeReference) return TypeRefName((TypeReferenceHandle)type.ResolutionScope) + "+" + name;
                string ns = _md.GetString(type.Namespace);
                return ns.Length == 0 ? name : ns + "." + name;
            }

            private string MethodName(EntityHandle handle)
            {
                if (handle.Kind == HandleKind.MethodDefinition)
                {
                    MethodDefinition method = _md.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return TypeDefName(method.GetDeclaringType()) + "::" + _md.GetString(method.Name);
                }
                if (handle.Kind == HandleKind.MemberReference)
                {
                    MemberReference member = _md.GetMemberReference((MemberReferenceHandle)handle);
                    return ParentName(member.Parent) + "::" + _md.GetString(member.Name);
                }
                return "?" + handle.Kind;
            }

            private string ParentName(EntityHandle parent)
            {
                switch (parent.Kind)
                {
                    case HandleKind.TypeDefinition:
                    case HandleKind.TypeReference:
                        return DecodeTypeHandle(parent).Name;
                    case HandleKind.TypeSpecification: // decode for the name only; reporting happens at the site
                        return _md.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(this, null).Name;
                    case HandleKind.MethodDefinition:
                        return MethodName(parent);
                    case HandleKind.ModuleReference:
                        return _md.GetString(_md.GetModuleReference((ModuleReferenceHandle)parent).Name);
                    default:
                        return "?" + parent.Kind;
                }
            }

            private string AttributeTypeName(CustomAttribute attribute)
            {
                EntityHandle ctor = attribute.Constructor;
                if (ctor.Kind == HandleKind.MethodDefinition) return TypeDefName(_md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType());
                if (ctor.Kind == HandleKind.MemberReference) return ParentName(_md.GetMemberReference((MemberReferenceHandle)ctor).Parent);
                return "";
            }

            private string Describe(EntityHandle handle)
            {
                switch (handle.Kind)
                {
                    case HandleKind.ModuleDefinition: return "module " + _md.GetString(_md.GetModuleDefinition().Name);
                    case HandleKind.AssemblyDefinition: return "assembly " + _md.GetString(_md.GetAssemblyDefinition().Name);
                    case HandleKind.TypeDefinition: return TypeDefName((TypeDefinitionHandle)handle);
                    case HandleKind.MethodDefinition: return MethodName(handle).Replace("::", ".");
                    case HandleKind.FieldDefinition:
                        FieldDefinition field = _md.GetFieldDefinition((FieldDefinitionHandle)handle);
                        return TypeDefName(field.GetDeclaringType()) + "." + _md.GetString(field.Name);
                    default: return handle.Kind + " 0x" + MetadataTokens.GetToken(handle).ToString("x8");
                }
            }

            private string GenericParameterList(GenericParameterHandleCollection parameters)
            {
                var names = new List<string>();
                foreach (GenericParameterHandle p in parameters) names.Add(_md.GetString(_md.GetGenericParameter(p).Name));
                return "generic parameters <" + string.Join(",", names) + ">";
            }

            private static Dictionary<ushort, OpCode> LoadOpCodes()
            {
                var table = new Dictionary<ushort, OpCode>();
                foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    var opCode = (OpCode)field.GetValue(null);
                    table[(ushort)opCode.Value] = opCode;
                }
                return table;
            }

            // ---- ISignatureTypeProvider: names plus the shapes nanoFramework 1.x cannot run ----

            public SigType GetPrimitiveType(PrimitiveTypeCode typeCode) => new(typeCode.ToString(), Shape.None);
            public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => new(TypeDefName(handle), Shape.None);
            public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => new(TypeRefName(handle), Shape.None);
            public SigType GetTypeFromSpecification(MetadataReader reader, object context, TypeSpecificationHandle handle, byte rawTypeKind) => DecodeTypeHandle(handle);
            public SigType GetSZArrayType(SigType element) => new(element.Name + "[]", element.Shape);
            public SigType GetArrayType(SigType element, ArrayShape shape) =>
                new(element.Name + "[" + new string(',', shape.Rank - 1) + "]", element.Shape | Shape.MultidimensionalArray);
            public SigType GetByReferenceType(SigType element) => new(element.Name + "&", element.Shape);
            public SigType GetPointerType(SigType element) => new(element.Name + "*", element.Shape | Shape.Pointer);
            // Only `fixed` pins a local; in an optimised build its pointer local can vanish while the pinned one stays.
            public SigType GetPinnedType(SigType element) => new(element.Name + " pinned", element.Shape | Shape.Pointer);
            public SigType GetModifiedType(SigType modifier, SigType unmodified, bool isRequired) => new(unmodified.Name, unmodified.Shape | modifier.Shape);
            public SigType GetGenericTypeParameter(object context, int index) => new("!" + index, Shape.None);
            public SigType GetGenericMethodParameter(object context, int index) => new("!!" + index, Shape.None);

            public SigType GetGenericInstantiation(SigType generic, ImmutableArray<SigType> typeArguments)
            {
                Shape shape = generic.Shape | Shape.GenericInstantiation;
                var names = new List<string>();
                foreach (SigType arg in typeArguments)
                {
                    names.Add(arg.Name);
                    shape |= arg.Shape;
                }
                return new SigType(generic.Name + "<" + string.Join(",", names) + ">", shape);
            }

            public SigType GetFunctionPointerType(MethodSignature<SigType> signature)
            {
                Shape shape = Shape.FunctionPointer | signature.ReturnType.Shape;
                var names = new List<string>();
                foreach (SigType p in signature.ParameterTypes)
                {
                    names.Add(p.Name);
                    shape |= p.Shape;
                }
                return new SigType("delegate*<" + string.Join(",", names) + (names.Count > 0 ? "," : "") + signature.ReturnType.Name + ">", shape);
            }
        }
    }
}
