using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LinkKit.Package.Tests
{
    /// <summary>What a .dll says about itself: name, version, string-valued assembly attributes, assembly references, public types.</summary>
    internal sealed class AssemblyFile
    {
        public string Name { get; private init; }
        public Version Version { get; private init; }
        public Dictionary<string, string> Attributes { get; private init; }
        public Dictionary<string, Version> References { get; private init; }
        /// <summary>The public types (nested ones public all the way out), as XML documentation names them (Namespace.Outer.Inner).</summary>
        public string[] PublicTypes { get; private init; }

        public static AssemblyFile Read(string dll)
        {
            using FileStream stream = File.OpenRead(dll);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            AssemblyDefinition assembly = md.GetAssemblyDefinition();
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (CustomAttributeHandle handle in assembly.GetCustomAttributes())
            {
                CustomAttribute attribute = md.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
                MemberReference ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (ctor.Parent.Kind != HandleKind.TypeReference) continue;
                TypeReference type = md.GetTypeReference((TypeReferenceHandle)ctor.Parent);
                BlobReader value = md.GetBlobReader(attribute.Value);
                if (value.ReadUInt16() != 1) continue; // prolog
                string argument;
                try { argument = value.ReadSerializedString(); }
                catch (BadImageFormatException) { continue; }
                attributes[md.GetString(type.Namespace) + "." + md.GetString(type.Name)] = argument;
            }
            return new AssemblyFile
            {
                Name = md.GetString(assembly.Name),
                Version = assembly.Version,
                Attributes = attributes,
                References = md.AssemblyReferences.Select(md.GetAssemblyReference)
                    .ToDictionary(r => md.GetString(r.Name), r => r.Version, StringComparer.Ordinal),
                PublicTypes = md.TypeDefinitions.Select(md.GetTypeDefinition).Select(t => PublicName(md, t)).Where(n => n != null).ToArray(),
            };
        }

        private static string PublicName(MetadataReader md, TypeDefinition type)
        {
            System.Reflection.TypeAttributes visibility = type.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
            if (visibility == System.Reflection.TypeAttributes.Public)
            {
                string ns = md.GetString(type.Namespace);
                return (ns.Length > 0 ? ns + "." : "") + md.GetString(type.Name);
            }
            if (visibility != System.Reflection.TypeAttributes.NestedPublic) return null;
            string outer = PublicName(md, md.GetTypeDefinition(type.GetDeclaringType()));
            return outer == null ? null : outer + "." + md.GetString(type.Name);
        }
    }
}
