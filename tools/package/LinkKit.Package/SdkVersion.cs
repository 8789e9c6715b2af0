using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NuGet.Versioning;

namespace LinkKit.Package
{
    /// <summary>
    /// The one version of the SDK: the LinkKitNanoVersion property of nf/Directory.Build.props, unless a run overrides it.
    /// Every package of a run carries it; each assembly gets AssemblyVersion and AssemblyFileVersion Major.Minor.Patch.0
    /// (nanoFramework's own libraries use the package version there too) and AssemblyInformationalVersion the full text.
    /// </summary>
    internal static class SdkVersion
    {
        public const string PropsFile = "nf/Directory.Build.props";
        public const string Property = "LinkKitNanoVersion";

        /// <summary>The version in <see cref="PropsFile"/> under <paramref name="repositoryRoot"/>.</summary>
        public static NuGetVersion Read(string repositoryRoot)
        {
            string path = Path.Combine(repositoryRoot, PropsFile);
            if (!File.Exists(path)) throw new PackageException(PropsFile + " is missing: it holds the SDK's version (" + Property + ")");
            XElement element = XDocument.Load(path).Descendants().SingleOrDefault(e => e.Name.LocalName == Property);
            if (element == null) throw new PackageException(PropsFile + " sets no " + Property);
            return Parse(element.Value.Trim(), PropsFile);
        }

        /// <summary>A SemVer 2 version of three numbers (an optional -prerelease label, no build metadata).</summary>
        public static NuGetVersion Parse(string text, string source)
        {
            if (!NuGetVersion.TryParseStrict(text, out NuGetVersion version) || version.HasMetadata)
            {
                throw new PackageException(source + ": '" + text + "' is not a version like 1.2.3 or 1.2.3-preview.4");
            }
            if (version.Major > ushort.MaxValue - 1 || version.Minor > ushort.MaxValue - 1 || version.Patch > ushort.MaxValue - 1)
            {
                throw new PackageException(source + ": '" + text + "' has a part above 65534, which an assembly version cannot hold");
            }
            return version;
        }

        /// <summary>AssemblyVersion and AssemblyFileVersion: Major.Minor.Patch.0.</summary>
        public static Version AssemblyVersion(NuGetVersion version) => new Version(version.Major, version.Minor, version.Patch, 0);
    }

    /// <summary>A problem with the input that stops the run; its message is printed as is.</summary>
    internal sealed class PackageException : Exception
    {
        public PackageException(string message) : base(message) { }
    }
}
