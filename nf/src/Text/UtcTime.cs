using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Text
{
    /// <summary>
    /// Unix milliseconds as ISO-8601 UTC text with milliseconds, <c>2026-12-06T05:30:00.123Z</c> (always 24 bytes),
    /// the device log's <c>utcTime</c> (docs/protocol.md, Field services / Device log). Proleptic Gregorian calendar; allocates nothing.
    /// </summary>
    internal static class UtcTime
    {
        /// <summary>The length of every text <see cref="WriteIso8601"/> writes.</summary>
        public const int Iso8601Length = 24;

        /// <summary>9999-12-31T23:59:59.999Z, the last instant four year digits can hold.</summary>
        public const long MaxMilliseconds = 253402300799999;

        private const long MillisecondsPerDay = 86400000;

        /// <summary>
        /// Writes <paramref name="unixMilliseconds"/> as <c>YYYY-MM-DDTHH:MM:SS.mmmZ</c>; times before 1970 are written
        /// as 1970-01-01T00:00:00.000Z and times after <see cref="MaxMilliseconds"/> as that instant.
        /// </summary>
        /// <returns><see cref="Iso8601Length"/>; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        public static int WriteIso8601(long unixMilliseconds, byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(buffer, offset, count);
            if (count < Iso8601Length) return ErrorCode.BufferTooSmall;
            long ms = unixMilliseconds < 0 ? 0 : unixMilliseconds > MaxMilliseconds ? MaxMilliseconds : unixMilliseconds;
            long days = ms / MillisecondsPerDay;
            int inDay = (int)(ms - days * MillisecondsPerDay);

            // Civil date from days since 1970-01-01, in 400-year eras that start on 0000-03-01.
            long z = days + 719468;
            long era = z / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long monthFromMarch = (5 * dayOfYear + 2) / 153;
            int day = (int)(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
            int month = (int)(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
            int year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

            int p = offset;
            p = Digits(year, 4, buffer, p);
            buffer[p++] = (byte)'-';
            p = Digits(month, 2, buffer, p);
            buffer[p++] = (byte)'-';
            p = Digits(day, 2, buffer, p);
            buffer[p++] = (byte)'T';
            p = Digits(inDay / 3600000, 2, buffer, p);
            buffer[p++] = (byte)':';
            p = Digits(inDay / 60000 % 60, 2, buffer, p);
            buffer[p++] = (byte)':';
            p = Digits(inDay / 1000 % 60, 2, buffer, p);
            buffer[p++] = (byte)'.';
            p = Digits(inDay % 1000, 3, buffer, p);
            buffer[p] = (byte)'Z';
            return Iso8601Length;
        }

        // Writes value as exactly width decimal digits, zero-padded.
        private static int Digits(int value, int width, byte[] buffer, int p)
        {
            NumberFormatter.WriteDigits((ulong)value, width, buffer, p + width);
            return p + width;
        }
    }
}
