using System;

namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// Where the durable store-and-forward journal lives (<see cref="LinkKitOptions.OfflineJournal"/>): two journal
    /// files and the two slots of its marker, a small record saved with the same two-slot discipline as the secret
    /// store (which file is current, its generation, and the first record not yet done).
    /// </summary>
    /// <remarks>
    /// On the device: <c>OfflineJournalFiles.OnDevice()</c> (nf/device), four files on the LittleFS volume <c>I:\</c>.
    /// The four files must not be shared with anything else, and one client at a time may use them.
    /// </remarks>
    public sealed class OfflineJournalStorage
    {
        private readonly IOfflineJournalFiles _files;
        private readonly ISecretSlots _marker;

        /// <param name="files">The two journal files.</param>
        /// <param name="marker">The marker's two slots (for example <c>FileSecretSlots</c> over two more files).</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public OfflineJournalStorage(IOfflineJournalFiles files, ISecretSlots marker)
        {
            if (files == null) throw new ArgumentNullException("files");
            if (marker == null) throw new ArgumentNullException("marker");
            _files = files;
            _marker = marker;
        }

        /// <summary>The two journal files.</summary>
        public IOfflineJournalFiles Files
        {
            get { return _files; }
        }

        /// <summary>The marker's two slots.</summary>
        public ISecretSlots Marker
        {
            get { return _marker; }
        }
    }
}
