namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// Where the downloader writes a firmware file: on the ESP32 a file in an application slot on the internal flash
    /// (nf/device), on a PC a file or memory. One file at a time. Implementations report failures as
    /// <see cref="ErrorCode.OtaWriteFailed"/> and never throw for them.
    /// </summary>
    public interface IFirmwareSink
    {
        /// <summary>
        /// Gets ready for file <paramref name="fileIndex"/> of <paramref name="size"/> bytes, keeping its first
        /// <paramref name="resumeAt"/> bytes from an earlier, interrupted download and dropping anything after them.
        /// </summary>
        /// <returns>How many bytes are kept: <paramref name="resumeAt"/>, or 0 when the sink no longer holds that many
        /// (the download then starts again); <see cref="ErrorCode.OtaWriteFailed"/>.</returns>
        long Open(int fileIndex, long size, long resumeAt);

        /// <summary>Appends bytes to the open file.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OtaWriteFailed"/>.</returns>
        int Write(byte[] buffer, int offset, int count);

        /// <summary>Makes everything written so far survive a power cut (the downloader records the offset only after).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OtaWriteFailed"/>.</returns>
        int Flush();

        /// <summary>The whole file arrived and its digest matched: keep it (flushed) for activation.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OtaWriteFailed"/>.</returns>
        int Complete();

        /// <summary>The bytes are not the firmware (digest mismatch) or the download was restarted: forget them.</summary>
        void Discard();
    }
}
