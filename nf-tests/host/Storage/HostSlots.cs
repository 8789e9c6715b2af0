using System.IO;
using LinkKit.Nano.Storage;

namespace LinkKit.Nano.Tests.Host.Storage
{
    /// <summary>The device's <see cref="FileSecretSlots"/>, with its two files in a host folder instead of <c>I:\</c>.</summary>
    public static class HostSlots
    {
        /// <summary>Slots <c>linkkit_a.bin</c> and <c>linkkit_b.bin</c> in <paramref name="folder"/>, which is created.</summary>
        public static FileSecretSlots In(string folder)
        {
            Directory.CreateDirectory(folder);
            return new FileSecretSlots(Path.Combine(folder, FileSecretSlots.FileNameA), Path.Combine(folder, FileSecretSlots.FileNameB));
        }
    }
}
