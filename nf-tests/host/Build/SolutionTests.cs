using System;
using System.IO;
using System.Linq;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Build
{
    /// <summary>LinkKit.Nano.sln is what Visual Studio users open: it must hold every project of the checkout.</summary>
    public class SolutionTests
    {
        [Fact]
        public void Solution_lists_every_project_in_the_checkout()
        {
            string root = RepositoryPaths.Root;
            string solution = File.ReadAllText(Path.Combine(root, "LinkKit.Nano.sln"));
            string[] projects = Directory.GetFiles(root, "*.*proj", SearchOption.AllDirectories)
                .Where(p => p.EndsWith(".csproj", StringComparison.Ordinal) || p.EndsWith(".nfproj", StringComparison.Ordinal))
                .Select(p => Path.GetRelativePath(root, p).Replace('/', '\\'))
                .Where(p => !p.Split('\\').Any(part => part == "bin" || part == "obj"))
                .OrderBy(p => p, StringComparer.Ordinal).ToArray();

            Assert.NotEmpty(projects);
            Assert.Empty(projects.Where(p => !solution.Contains("\"" + p + "\"", StringComparison.Ordinal)));
        }
    }
}
