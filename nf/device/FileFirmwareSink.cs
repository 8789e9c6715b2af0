using System;
using System.IO;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// Writes a download into the application slot file that <see cref="AppSlots.InstallSlot"/> names when the
    /// download opens (never the active image, never during a trial boot), on the ESP32's <c>I:\</c> volume. After
    /// <see cref="OtaAgent.DownloadCompleted"/> with <see cref="ErrorCode.Ok"/>, install <see cref="Slot"/> with
    /// <see cref="AppSlots.Install(int, OtaJob)"/>. An application update is one file: a job's further files are refused.
    /// </summary>
    /// <remarks>
    /// Thin on purpose: which slot is <see cref="AppSlots"/>' decision, and the position and digest of a resumed
    /// download are the <see cref="OtaDownloader"/>'s. File-system exceptions become <see cref="ErrorCode.OtaWriteFailed"/>.
    /// The host build compiles this same file.
    /// </remarks>
    public sealed class FileFirmwareSink : IFirmwareSink
    {
        private readonly AppSlotFiles _files;
        private readonly AppSlots _slots;
        private FileStream _stream;
        private int _slot = AppSlots.None;

        /// <summary>A sink writing into <paramref name="files"/>, at the slot <paramref name="slots"/> chooses.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public FileFirmwareSink(AppSlotFiles files, AppSlots slots)
        {
            if (files == null) throw new ArgumentNullException("files");
            if (slots == null) throw new ArgumentNullException("slots");
            _files = files;
            _slots = slots;
        }

        /// <summary>The slot the last download was opened in, or <see cref="AppSlots.None"/>.</summary>
        public int Slot
        {
            get { return _slot; }
        }

        /// <inheritdoc/>
        public long Open(int fileIndex, long size, long resumeAt)
        {
            Close();
            int slot = _slots.InstallSlot;
            if (fileIndex != 0 || slot == AppSlots.None) return ErrorCode.OtaWriteFailed;
            string path = _files.PathOf(slot);
            _slot = slot;
            try
            {
                _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
                long kept = _stream.Length >= resumeAt ? resumeAt : 0;   // fewer bytes than recorded: start again
                _stream.SetLength(kept);
                _stream.Seek(kept, SeekOrigin.Begin);
                return kept;
            }
            catch (Exception)
            {
                Close();
                return ErrorCode.OtaWriteFailed;
            }
        }

        /// <inheritdoc/>
        public int Write(byte[] buffer, int offset, int count)
        {
            FileStream stream = _stream;
            if (stream == null) return ErrorCode.OtaWriteFailed;
            try
            {
                stream.Write(buffer, offset, count);
                return ErrorCode.Ok;
            }
            catch (Exception)
            {
                return ErrorCode.OtaWriteFailed;
            }
        }

        /// <inheritdoc/>
        public int Flush()
        {
            FileStream stream = _stream;
            if (stream == null) return ErrorCode.OtaWriteFailed;
            try
            {
                stream.Flush();
                return ErrorCode.Ok;
            }
            catch (Exception)
            {
                return ErrorCode.OtaWriteFailed;
            }
        }

        /// <inheritdoc/>
        public int Complete()
        {
            int rc = Flush();
            Close();
            return rc;
        }

        /// <inheritdoc/>
        public void Discard()
        {
            Close();
            if (_slot == AppSlots.None) return;
            string path = _files.PathOf(_slot);
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (Exception)
            {
                // Left behind: the next download truncates it, and the boot check never loads it.
            }
        }

        private void Close()
        {
            FileStream stream = _stream;
            _stream = null;
            if (stream == null) return;
            try
            {
                stream.Dispose();
            }
            catch (Exception)
            {
                // Closing after a failure: nothing more to lose.
            }
        }
    }
}
