using System;
using System.IO;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// The two secret-store slots as two files in a folder of the host (the emulator, tools and tests). The same
    /// record bytes as on the device, so a slot file written here can be deployed to <c>I:\</c> with
    /// <c>nanoff --filedeployment</c>.
    /// </summary>
    public sealed class FileSecretSlots : ISecretSlots
    {
        /// <summary>Slot A's file name inside the folder (as on the device).</summary>
        public const string FileNameA = "linkkit_a.bin";

        /// <summary>Slot B's file name inside the folder (as on the device).</summary>
        public const string FileNameB = "linkkit_b.bin";

        private readonly string[] _paths;

        /// <summary>Slots <see cref="FileNameA"/> and <see cref="FileNameB"/> in <paramref name="folder"/> (created on first write).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="folder"/> is null.</exception>
        public FileSecretSlots(string folder)
        {
            if (folder == null) throw new ArgumentNullException(nameof(folder));
            _paths = new[] { Path.Combine(folder, FileNameA), Path.Combine(folder, FileNameB) };
        }

        /// <summary>The file holding <paramref name="slot"/>.</summary>
        public string PathOf(int slot)
        {
            if (slot < 0 || slot > 1) throw new ArgumentOutOfRangeException(nameof(slot));
            return _paths[slot];
        }

        /// <inheritdoc/>
        public int Read(int slot, byte[] buffer, int offset, int count)
        {
            string path = PathOf(slot);
            CheckRange(buffer, offset, count);
            try
            {
                if (!File.Exists(path)) return 0;
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    int total = 0;
                    while (total < count)
                    {
                        int n = stream.Read(buffer, offset + total, count - total);
                        if (n <= 0) break;
                        total += n;
                    }
                    return total;
                }
            }
            catch (IOException)
            {
                return ErrorCode.StorageFailed;
            }
            catch (UnauthorizedAccessException)
            {
                return ErrorCode.StorageFailed;
            }
        }

        /// <inheritdoc/>
        public int Write(int slot, byte[] buffer, int offset, int count)
        {
            string path = PathOf(slot);
            CheckRange(buffer, offset, count);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)));
                using (FileStream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    stream.Write(buffer, offset, count);
                    stream.Flush(true);   // through the OS cache to the disk, as a power cut would demand
                }
                return ErrorCode.Ok;
            }
            catch (IOException)
            {
                return ErrorCode.StorageFailed;
            }
            catch (UnauthorizedAccessException)
            {
                return ErrorCode.StorageFailed;
            }
        }

        /// <inheritdoc/>
        public int Erase(int slot)
        {
            string path = PathOf(slot);
            try
            {
                if (File.Exists(path)) File.Delete(path);
                return ErrorCode.Ok;
            }
            catch (IOException)
            {
                return ErrorCode.StorageFailed;
            }
            catch (UnauthorizedAccessException)
            {
                return ErrorCode.StorageFailed;
            }
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException(nameof(count));
        }
    }
}
