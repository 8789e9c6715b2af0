using System;
using System.IO;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// The durable store-and-forward journal's two files on the ESP32's LittleFS volume <c>I:\</c> (the <c>config</c>
    /// partition, which survives <c>nanoff --update</c>; docs/nanoframework.md, Storage). Each append opens the file,
    /// writes at its end and closes it, so the bytes are on flash when <see cref="Append"/> returns; a truncation
    /// deletes the file (one atomic metadata commit on LittleFS).
    /// </summary>
    /// <remarks>
    /// The host build compiles this same file (nf/host/LinkKit.Nano.Host.csproj), so the host tests run the code the
    /// device runs. File-system exceptions become <see cref="ErrorCode.StorageFailed"/>. Set up the whole journal
    /// with <see cref="OnDevice"/> (or <see cref="InFolder"/>): these two files and the marker's two
    /// <see cref="FileSecretSlots"/> files.
    /// </remarks>
    public sealed class OfflineJournalFiles : IOfflineJournalFiles
    {
        /// <summary>Journal file 0's name.</summary>
        public const string FileName0 = "linkkit_q0.bin";

        /// <summary>Journal file 1's name.</summary>
        public const string FileName1 = "linkkit_q1.bin";

        /// <summary>The marker's slot A file name.</summary>
        public const string MarkerFileNameA = "linkkit_qa.bin";

        /// <summary>The marker's slot B file name.</summary>
        public const string MarkerFileNameB = "linkkit_qb.bin";

        /// <summary>The device's persistent folder.</summary>
        public const string DeviceFolder = "I:\\";

        private readonly string[] _paths;

        /// <summary>The journal files in two files of your choice.</summary>
        /// <exception cref="ArgumentNullException">A path is null.</exception>
        public OfflineJournalFiles(string path0, string path1)
        {
            if (path0 == null) throw new ArgumentNullException("path0");
            if (path1 == null) throw new ArgumentNullException("path1");
            _paths = new string[] { path0, path1 };
        }

        /// <summary>The whole journal in <see cref="DeviceFolder"/>: <c>I:\linkkit_q0.bin</c>, <c>q1</c>, and the marker in <c>qa</c> and <c>qb</c>.</summary>
        public static OfflineJournalStorage OnDevice()
        {
            return InFolder(DeviceFolder);
        }

        /// <summary>The whole journal in four files of <paramref name="folder"/>, which ends with its separator (<c>I:\</c>, <c>/tmp/q/</c>).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="folder"/> is null.</exception>
        public static OfflineJournalStorage InFolder(string folder)
        {
            if (folder == null) throw new ArgumentNullException("folder");
            return new OfflineJournalStorage(
                new OfflineJournalFiles(folder + FileName0, folder + FileName1),
                new FileSecretSlots(folder + MarkerFileNameA, folder + MarkerFileNameB));
        }

        /// <inheritdoc/>
        public int Read(int file, int position, byte[] buffer, int offset, int count)
        {
            FileBytes.CheckRange(buffer, offset, count);
            if (position < 0) throw new ArgumentOutOfRangeException("position");
            return FileBytes.ReadAt(PathOf(file), position, buffer, offset, count);
        }

        /// <inheritdoc/>
        public int Append(int file, byte[] buffer, int offset, int count)
        {
            FileBytes.CheckRange(buffer, offset, count);
            string path = PathOf(file); // last before the try: nanoCLR would run its handlers for CheckRange's exception
            try
            {
                using (FileStream stream = new FileStream(path, FileMode.Append, FileAccess.Write))
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
        public int Truncate(int file)
        {
            return FileBytes.Delete(PathOf(file));
        }

        /// <summary>The path of journal file <paramref name="file"/> (0 or 1).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="file"/> is not 0 or 1.</exception>
        public string PathOf(int file)
        {
            if (file < 0 || file > 1) throw new ArgumentOutOfRangeException("file");
            return _paths[file];
        }
    }
}
