using System;
using System.IO;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// The two secret-store slots as two files on the ESP32's LittleFS volume <c>I:\</c> (the <c>config</c>
    /// partition, which survives <c>nanoff --update</c>; docs/nanoframework.md, Storage). Each save replaces one whole
    /// file; the other file keeps the previous record, because <c>File.Move</c> cannot overwrite and so no atomic
    /// replace exists.
    /// </summary>
    /// <remarks>
    /// The host build compiles this same file (nf/host/LinkKit.Nano.Host.csproj), so the code the device runs is the
    /// code the host tests exercise, and a slot file written on a PC holds exactly what the device reads.
    /// File-system exceptions become <see cref="ErrorCode.StorageFailed"/>; their messages are not kept (they hold
    /// paths only, but nothing from here is logged anyway). Provisioning at the factory may instead deploy a slot
    /// file written by the host tools with <c>nanoff --filedeployment</c>.
    /// </remarks>
    public sealed class FileSecretSlots : ISecretSlots
    {
        /// <summary>Slot A's file name.</summary>
        public const string FileNameA = "linkkit_a.bin";

        /// <summary>Slot B's file name.</summary>
        public const string FileNameB = "linkkit_b.bin";

        /// <summary>Slot A's default file on the device.</summary>
        public const string DefaultPathA = "I:\\" + FileNameA;

        /// <summary>Slot B's default file on the device.</summary>
        public const string DefaultPathB = "I:\\" + FileNameB;

        private readonly string[] _paths;

        /// <summary>Slots in <see cref="DefaultPathA"/> and <see cref="DefaultPathB"/>.</summary>
        public FileSecretSlots() : this(DefaultPathA, DefaultPathB)
        {
        }

        /// <summary>Slots in two files of your choice (on <c>I:\</c> unless the board has another persistent drive).</summary>
        /// <exception cref="ArgumentNullException">A path is null.</exception>
        public FileSecretSlots(string pathA, string pathB)
        {
            if (pathA == null) throw new ArgumentNullException("pathA");
            if (pathB == null) throw new ArgumentNullException("pathB");
            _paths = new string[] { pathA, pathB };
        }

        /// <inheritdoc/>
        public int Read(int slot, byte[] buffer, int offset, int count)
        {
            FileBytes.CheckRange(buffer, offset, count);
            return FileBytes.ReadAt(PathOf(slot), 0, buffer, offset, count);
        }

        /// <inheritdoc/>
        public int Write(int slot, byte[] buffer, int offset, int count)
        {
            FileBytes.CheckRange(buffer, offset, count);
            string path = PathOf(slot); // last before the try: nanoCLR would run its handlers for CheckRange's exception
            try
            {
                // Create truncates an existing file; should a firmware leave old bytes behind, the record's own
                // length field makes them harmless.
                using (FileStream stream = new FileStream(path, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(buffer, offset, count);
                    stream.Flush();
                }
                return ErrorCode.Ok;
            }
            catch (Exception)
            {
                return ErrorCode.StorageFailed;
            }
        }

        /// <inheritdoc/>
        public int Erase(int slot)
        {
            return FileBytes.Delete(PathOf(slot));
        }

        /// <summary>The file holding <paramref name="slot"/> (0 = A, 1 = B).</summary>
        public string PathOf(int slot)
        {
            if (slot < 0 || slot > 1) throw new ArgumentOutOfRangeException("slot");
            return _paths[slot];
        }
    }
}
