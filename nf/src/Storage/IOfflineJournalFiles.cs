namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// The two append-only files (0 and 1) the durable store-and-forward journal writes in turn
    /// (<see cref="OfflineJournalStorage"/>): records are appended to one until it is compacted into the other.
    /// Device: two files on the LittleFS volume (nf/device/OfflineJournalFiles.cs, also compiled by the host build);
    /// tests: an in-memory flash model that can lose power at any write.
    /// </summary>
    /// <remarks>
    /// Implementations report file-system failures as <see cref="ErrorCode.StorageFailed"/> and never throw for them;
    /// they throw only for misuse (file not 0 or 1, null buffer, bad range). A write cut short by a power cut may leave
    /// any prefix of its bytes: every record carries its own CRC-32, so the journal reads a torn tail as the end.
    /// </remarks>
    public interface IOfflineJournalFiles
    {
        /// <summary>Reads up to <paramref name="count"/> bytes of the file from <paramref name="position"/>.</summary>
        /// <returns>The bytes read: fewer than <paramref name="count"/> only when the file ends first, 0 at or past its
        /// end or when it does not exist; <see cref="ErrorCode.StorageFailed"/>.</returns>
        int Read(int file, int position, byte[] buffer, int offset, int count);

        /// <summary>Adds <paramref name="count"/> bytes at the end of the file (creating it), durably: when this
        /// returns <see cref="ErrorCode.Ok"/> the bytes survive a power cut.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/> (some of the bytes may have been written).</returns>
        int Append(int file, byte[] buffer, int offset, int count);

        /// <summary>Empties the file (removes it), durably.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> (also when it was already empty); <see cref="ErrorCode.StorageFailed"/>.</returns>
        int Truncate(int file);
    }
}
