using System;
using System.IO;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// The two application slots as files on the ESP32's LittleFS volume <c>I:\</c> (the <c>config</c> partition,
    /// which <c>nanoff --update</c> keeps; docs/nanoframework.md, Storage), and the read a loader does at boot: the
    /// whole file, checked against what <see cref="AppSlots"/> recorded before anything is loaded.
    /// </summary>
    /// <remarks>
    /// The host build compiles this same file (nf/host/LinkKit.Nano.Host.csproj). A factory image is deployed as
    /// <see cref="DefaultPathA"/> with <c>nanoff --filedeployment</c>. File-system exceptions become a null result
    /// with the reason; nothing here throws for them.
    /// </remarks>
    public sealed class AppSlotFiles
    {
        /// <summary>Slot A's default file on the device (also where a factory image is deployed).</summary>
        public const string DefaultPathA = "I:\\app_a.pe";

        /// <summary>Slot B's default file on the device.</summary>
        public const string DefaultPathB = "I:\\app_b.pe";

        /// <summary>The boot record's default files (an <see cref="AppSlots"/> over <c>FileSecretSlots</c>).</summary>
        public const string DefaultRecordPathA = "I:\\appboot_a.bin", DefaultRecordPathB = "I:\\appboot_b.bin";

        private readonly string[] _paths;

        /// <summary>Slots in <see cref="DefaultPathA"/> and <see cref="DefaultPathB"/>.</summary>
        public AppSlotFiles() : this(DefaultPathA, DefaultPathB)
        {
        }

        /// <summary>Slots in two files of your choice.</summary>
        /// <exception cref="ArgumentNullException">A path is null.</exception>
        public AppSlotFiles(string pathA, string pathB)
        {
            if (pathA == null) throw new ArgumentNullException("pathA");
            if (pathB == null) throw new ArgumentNullException("pathB");
            _paths = new string[] { pathA, pathB };
        }

        /// <summary>The file holding <paramref name="slot"/> (<see cref="AppSlots.A"/> or <see cref="AppSlots.B"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not 0 or 1.</exception>
        public string PathOf(int slot)
        {
            if (slot != AppSlots.A && slot != AppSlots.B) throw new ArgumentOutOfRangeException("slot");
            return _paths[slot];
        }

        /// <summary>
        /// Reads <paramref name="slot"/>'s file into a new array of its exact size and checks it with
        /// <see cref="AppSlots.Verify"/>: the array to pass to <see cref="AppLoader.Load"/> (which keeps it).
        /// </summary>
        /// <returns>The image, or null with the reason in <paramref name="error"/> (then <see cref="AppSlots.Reject"/>).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="slots"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not 0 or 1.</exception>
        public byte[] ReadVerified(AppSlots slots, int slot, out string error)
        {
            if (slots == null) throw new ArgumentNullException("slots");
            long expected = slots.GetSize(slot);
            string path = PathOf(slot);
            byte[] image;
            error = null;
            try
            {
                if (!File.Exists(path))
                {
                    error = path + " is missing";
                    return null;
                }
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = stream.Length;
                    // The recorded size first: a wrong file is never read into the heap.
                    if (length == 0 || length > int.MaxValue || (expected >= 0 && length != expected))
                    {
                        error = path + " holds " + length + " bytes, " + expected + " recorded";
                        return null;
                    }
                    image = new byte[(int)length];
                    int total = FileBytes.Read(stream, image, 0, image.Length);
                    if (total != image.Length)
                    {
                        error = path + " ended after " + total + " bytes";
                        return null;
                    }
                }
            }
            catch (Exception)
            {
                error = path + " is unreadable";
                return null;
            }
            if (slots.Verify(slot, image, 0, image.Length)) return image;
            error = path + " is not the image recorded for slot " + slot;
            return null;
        }
    }
}
