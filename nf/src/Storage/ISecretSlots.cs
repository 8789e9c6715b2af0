namespace LinkKit.Nano.Storage
{
    /// <summary>
    /// Two independent persistent slots (A = 0, B = 1) that <see cref="SecretStore"/> writes in turn, so a power cut
    /// during one write never destroys the record in the other. Device: two files on the LittleFS volume
    /// (nf/device/FileSecretSlots.cs, also compiled by the host build); tests: an in-memory flash model.
    /// </summary>
    /// <remarks>
    /// Implementations report file-system failures as <see cref="ErrorCode.StorageFailed"/> and never throw for them;
    /// they throw only for misuse (slot not 0 or 1, null buffer, bad range).
    /// </remarks>
    public interface ISecretSlots
    {
        /// <summary>
        /// Reads the slot's content from its start into the buffer, at most <paramref name="count"/> bytes.
        /// </summary>
        /// <returns>The number of bytes read (0 when the slot is empty or was never written);
        /// <see cref="ErrorCode.StorageFailed"/>.</returns>
        int Read(int slot, byte[] buffer, int offset, int count);

        /// <summary>Replaces the slot's whole content with <paramref name="count"/> bytes of the buffer.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.StorageFailed"/>.</returns>
        int Write(int slot, byte[] buffer, int offset, int count);

        /// <summary>Empties the slot (removes its file).</summary>
        /// <returns><see cref="ErrorCode.Ok"/> (also when it was already empty); <see cref="ErrorCode.StorageFailed"/>.</returns>
        int Erase(int slot);
    }
}
