namespace LinkKit.Nano
{
    /// <summary>
    /// Runtime outcomes of SDK calls. Success is 0 (or a non-negative length for builders);
    /// failures are negative so one int carries both. Misuse (null argument, wrong state) throws instead.
    /// </summary>
    public static class ErrorCode
    {
        /// <summary>The call succeeded (or the message was queued for sending).</summary>
        public const int Ok = 0;

        /// <summary>The output does not fit in the destination buffer; nothing past its end was written.</summary>
        public const int BufferTooSmall = -1;

        /// <summary>The input is not well-formed (bad JSON, bad number, bad UTF-8, bad record...).</summary>
        public const int Malformed = -2;

        /// <summary>The JSON nesting is deeper than the configured limit.</summary>
        public const int DepthExceeded = -3;

        /// <summary>The value does not fit the requested type (e.g. 2^40 read as Int32).</summary>
        public const int OutOfRange = -4;

        /// <summary>The secret store holds no valid record: both slots are empty, missing or corrupt.</summary>
        public const int NoRecord = -40;

        /// <summary>Reading or writing a secret-store slot failed (file-system error); nothing is known about its content.</summary>
        public const int StorageFailed = -41;

        /// <summary>A secret-store slot was written but reading it back did not give the record just written.</summary>
        public const int StorageVerifyFailed = -42;
    }
}
