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

        /// <summary>The number is NaN or an infinity, which JSON cannot carry.</summary>
        public const int NotFinite = -5;

        /// <summary>The current JSON token is not of the requested kind (e.g. a number read from a string token).</summary>
        public const int WrongType = -6;
    }
}
