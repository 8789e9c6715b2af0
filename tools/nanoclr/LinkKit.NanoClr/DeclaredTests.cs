using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LinkKit.NanoClr
{
    /// <summary>
    /// What nanoFramework's UnitTestLauncher must report for a test assembly, read from its IL: per public method of a
    /// [TestClass] (its own, static or instance, and its base classes' public instance methods), one result per [DataRow]
    /// or else one per [TestMethod], and one per [Setup] and [Cleanup]. Keys are "Namespace.Class.Method", the launcher's
    /// key without its row index; the launcher names a base class's method by the base class, so its results add up
    /// there over every derived [TestClass].
    /// </summary>
    internal static class DeclaredTests
    {
        private const string Framework = "nanoFramework.TestFramework.";

        public static Dictionary<string, int> Read(string dll)
        {
            using FileStream stream = File.OpenRead(dll);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var expected = new Dictionary<string, int>();
            foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(handle);
                if ((type.Attributes & TypeAttributes.Interface) != 0 || Count(md, type.GetCustomAttributes(), "TestClassAttribute") == 0) continue;
                AddMethods(md, type, true, expected);
                for (EntityHandle b = type.BaseType; !b.IsNil && b.Kind == HandleKind.TypeDefinition;)
                {
                    TypeDefinition baseType = md.GetTypeDefinition((TypeDefinitionHandle)b);
                    AddMethods(md, baseType, false, expected);
                    b = baseType.BaseType;
                }
            }
            return expected;
        }

        private static void AddMethods(MetadataReader md, TypeDefinition type, bool includeStatic, Dictionary<string, int> expected)
        {
            string typeKey = FullName(md, type);
            foreach (MethodDefinitionHandle handle in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(handle);
                MethodAttributes flags = method.Attributes;
                if ((flags & MethodAttributes.MemberAccessMask) != MethodAttributes.Public || (flags & MethodAttributes.RTSpecialName) != 0) continue;
                if (!includeStatic && (flags & MethodAttributes.Static) != 0) continue;
                CustomAttributeHandleCollection attributes = method.GetCustomAttributes();
                int rows = Count(md, attributes, "DataRowAttribute");
                int results = Count(md, attributes, "SetupAttribute") + Count(md, attributes, "CleanupAttribute")
                    + (rows > 0 ? rows : Count(md, attributes, "TestMethodAttribute"));
                if (results == 0) continue;
                string key = typeKey + "." + md.GetString(method.Name);
                expected[key] = (expected.TryGetValue(key, out int n) ? n : 0) + results;
            }
        }

        private static int Count(MetadataReader md, CustomAttributeHandleCollection attributes, string name)
        {
            int count = 0;
            foreach (CustomAttributeHandle handle in attributes)
            {
                EntityHandle ctor = md.GetCustomAttribute(handle).Constructor;
                EntityHandle owner = ctor.Kind == HandleKind.MemberReference ? md.GetMemberReference((MemberReferenceHandle)ctor).Parent
                    : ctor.Kind == HandleKind.MethodDefinition ? md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType()
                    : default;
                if (owner.Kind != HandleKind.TypeReference) continue;
                TypeReference reference = md.GetTypeReference((TypeReferenceHandle)owner);
                if (md.GetString(reference.Namespace) + "." + md.GetString(reference.Name) == Framework + name) count++;
            }
            return count;
        }

        private static string FullName(MetadataReader md, TypeDefinition type)
        {
            string name = md.GetString(type.Name);
            if (!type.GetDeclaringType().IsNil) return FullName(md, md.GetTypeDefinition(type.GetDeclaringType())) + "+" + name;
            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }
    }
}
