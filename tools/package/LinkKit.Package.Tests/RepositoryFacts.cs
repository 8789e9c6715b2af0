using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace LinkKit.Package.Tests
{
    /// <summary>What the checkout says, read here independently of the packager's own code.</summary>
    internal static class RepositoryFacts
    {
        private static readonly XNamespace Ns = "http://schemas.microsoft.com/developer/msbuild/2003";

        /// <summary>id → version of a packages.config.</summary>
        public static Dictionary<string, string> Pins(string root, string packagesConfig) =>
            XDocument.Load(Path.Combine(root, packagesConfig)).Root.Elements("package")
                .ToDictionary(p => p.Attribute("id").Value, p => p.Attribute("version").Value, StringComparer.Ordinal);

        /// <summary>
        /// The packages file NuGet reads for an nf/ project: nf/packages.&lt;project&gt;.config when it exists (a project's own
        /// pins), else nf/packages.config.
        /// </summary>
        public static string PackagesConfigOf(string root, string id)
        {
            string own = "nf/packages." + id + ".config";
            return File.Exists(Path.Combine(root, own)) ? own : "nf/packages.config";
        }

        /// <summary>Reference name → package id, from the HintPaths (..\packages\&lt;id&gt;.&lt;version&gt;\lib\...) of a project.</summary>
        public static Dictionary<string, string> ReferencePackages(string root, string project, Dictionary<string, string> pins)
        {
            return XDocument.Load(Path.Combine(root, project)).Descendants(Ns + "Reference")
                .ToDictionary(r => r.Attribute("Include").Value, r =>
                {
                    string folder = r.Element(Ns + "HintPath").Value.Split('\\').SkipWhile(p => p != "packages").ElementAt(1);
                    return pins.Single(p => folder == p.Key + "." + p.Value).Key;
                }, StringComparer.Ordinal);
        }

        public static string[] Items(string root, string project, string item) =>
            XDocument.Load(Path.Combine(root, project)).Descendants(Ns + item).Select(e => e.Attribute("Include").Value).ToArray();

        public static XDocument Project(string root, string project) => XDocument.Load(Path.Combine(root, project));

        public static XNamespace MsBuild => Ns;

        public static string GitHead(string root)
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD") { WorkingDirectory = root, RedirectStandardOutput = true };
            using Process git = Process.Start(start);
            string head = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return head;
        }
    }
}
