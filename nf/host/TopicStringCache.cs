using System;
using System.Text;

namespace LinkKit.Nano
{
    /// <summary>
    /// The topic strings MQTTnet needs for publishing, built once per distinct topic: a device publishes to a handful of
    /// topics again and again, so the last few are kept and matched by their UTF-8 bytes. Not thread-safe: the client
    /// makes one transport call at a time.
    /// </summary>
    internal sealed class TopicStringCache
    {
        private readonly byte[][] _bytes;
        private readonly string[] _strings;
        private int _next;

        public TopicStringCache(int capacity)
        {
            _bytes = new byte[capacity][];
            _strings = new string[capacity];
        }

        /// <summary>The string of topic[offset, offset + count), the same instance as last time for a remembered topic.</summary>
        public string Get(byte[] topic, int offset, int count)
        {
            ReadOnlySpan<byte> wanted = topic.AsSpan(offset, count);
            for (int i = 0; i < _bytes.Length; i++)
            {
                if (_bytes[i] != null && wanted.SequenceEqual(_bytes[i])) return _strings[i];
            }

            string value = Encoding.UTF8.GetString(topic, offset, count);
            _bytes[_next] = wanted.ToArray();
            _strings[_next] = value;
            _next = (_next + 1) % _bytes.Length;
            return value;
        }
    }
}
