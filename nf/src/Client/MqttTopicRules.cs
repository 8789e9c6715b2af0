using System;

namespace LinkKit.Nano.Client
{
    /// <summary>
    /// Checks topics before they reach a transport (M2Mqtt drops the connection on a bad topic instead of failing
    /// the call). Allocation-free.
    /// </summary>
    internal static class MqttTopicRules
    {
        /// <summary>The platform's topic limit in characters (docs/protocol.md, Limits and subscriptions).</summary>
        public const int MaxTopicCharacters = 128;

        /// <summary>
        /// Checks a publish topic held as UTF-8: not empty, no '+', '#' or NUL, at most 128 characters.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>, <see cref="ErrorCode.InvalidTopic"/> or <see cref="ErrorCode.TopicTooLong"/>.</returns>
        public static int CheckTopicName(byte[] topic, int offset, int count)
        {
            if (count == 0) return ErrorCode.InvalidTopic;
            int characters = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = topic[i];
                if (b == (byte)'+' || b == (byte)'#' || b == 0) return ErrorCode.InvalidTopic;
                if ((b & 0xC0) != 0x80) characters++; // count lead bytes only: one per character
            }

            // A 4-byte UTF-8 sequence is one character here; the platform counts it as such too.
            return characters > MaxTopicCharacters ? ErrorCode.TopicTooLong : ErrorCode.Ok;
        }

        /// <summary>
        /// Checks a subscription filter: not empty, no NUL, at most 128 characters, '+' only as a whole level and
        /// '#' only as the whole last level.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>, <see cref="ErrorCode.InvalidTopic"/> or <see cref="ErrorCode.TopicTooLong"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="filter"/> is null.</exception>
        public static int CheckTopicFilter(string filter)
        {
            if (filter == null) throw new ArgumentNullException("filter");
            int length = filter.Length;
            if (length == 0) return ErrorCode.InvalidTopic;
            int characters = 0;
            for (int i = 0; i < length; i++)
            {
                char c = filter[i];
                if (c == '\0') return ErrorCode.InvalidTopic;
                bool levelStart = i == 0 || filter[i - 1] == '/';
                bool levelEnd = i == length - 1 || filter[i + 1] == '/';
                if (c == '+' && !(levelStart && levelEnd)) return ErrorCode.InvalidTopic;
                if (c == '#' && !(levelStart && i == length - 1)) return ErrorCode.InvalidTopic;
                if (c < '\uDC00' || c > '\uDFFF') characters++; // a surrogate pair is one character
            }

            return characters > MaxTopicCharacters ? ErrorCode.TopicTooLong : ErrorCode.Ok;
        }

        /// <summary>Checks a QoS: the platform supports 0 and 1 only.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or <see cref="ErrorCode.InvalidQos"/>.</returns>
        public static int CheckQos(int qos)
        {
            return qos == 0 || qos == 1 ? ErrorCode.Ok : ErrorCode.InvalidQos;
        }
    }
}
