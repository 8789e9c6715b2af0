using System;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Tests.Json
{
    /// <summary>Test-side helpers: text to bytes, and a reader's whole token stream as one comparable string.</summary>
    internal static class JsonReaderTestHelper
    {
        /// <summary>The UTF-8 bytes of a test string (surrogate pairs joined; test text is always well-formed).</summary>
        public static byte[] Bytes(string s)
        {
            // Indexing a string on nanoCLR returns the high half for both halves of a pair; its char array is right.
            char[] text = s.ToCharArray();
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80) length += 1;
                else if (c < 0x800) length += 2;
                else if (c >= 0xD800 && c <= 0xDBFF) { length += 4; i++; }
                else length += 3;
            }

            byte[] bytes = new byte[length];
            int p = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c >= 0xD800 && c <= 0xDBFF) c = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                if (c < 0x80)
                {
                    bytes[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[p++] = (byte)(0xC0 | (c >> 6));
                    bytes[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c < 0x10000)
                {
                    bytes[p++] = (byte)(0xE0 | (c >> 12));
                    bytes[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    bytes[p++] = (byte)(0xF0 | (c >> 18));
                    bytes[p++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                    bytes[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return bytes;
        }

        /// <summary>Bytes from hex pairs separated by spaces, e.g. "22 C3 A9 22".</summary>
        public static byte[] Hex(string hex)
        {
            string[] parts = hex.Split(' ');
            byte[] bytes = new byte[parts.Length];
            for (int i = 0; i < parts.Length; i++) bytes[i] = (byte)Convert.ToInt32(parts[i], 16);
            return bytes;
        }

        /// <summary>A reader over a copy of <paramref name="document"/> placed at offset 3 of a larger buffer filled with '1'.</summary>
        public static JsonReader Over(byte[] document, int maxDepth = 16)
        {
            byte[] buffer = new byte[document.Length + 6];
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)'1';
            Array.Copy(document, 0, buffer, 3, document.Length);
            JsonReader reader = new JsonReader(maxDepth);
            reader.Reset(buffer, 3, document.Length);
            return reader;
        }

        /// <summary>
        /// Reads the whole document and describes each token: { } [ ] name: "string" number true false null,
        /// separated by spaces; a failure ends the text with " !code@offset" (offset relative to the document).
        /// </summary>
        public static string Tokens(string json, int maxDepth = 16)
        {
            return Tokens(Bytes(json), maxDepth);
        }

        public static string Tokens(byte[] document, int maxDepth = 16)
        {
            JsonReader reader = Over(document, maxDepth);
            string text = "";
            while (reader.Read())
            {
                if (text.Length > 0) text += " ";
                text += Describe(reader);
            }

            if (reader.Error != ErrorCode.Ok) text += (text.Length > 0 ? " !" : "!") + reader.Error.ToString() + "@" + (reader.ErrorOffset - 3).ToString();
            return text;
        }

        public static string Describe(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: return "{";
                case JsonTokenType.EndObject: return "}";
                case JsonTokenType.StartArray: return "[";
                case JsonTokenType.EndArray: return "]";
                case JsonTokenType.PropertyName: return reader.GetString() + ":";
                case JsonTokenType.String: return "\"" + reader.GetString() + "\"";
                case JsonTokenType.Number: return Raw(reader);
                case JsonTokenType.True: return "true";
                case JsonTokenType.False: return "false";
                case JsonTokenType.Null: return "null";
                default: return "?";
            }
        }

        /// <summary>The current token's raw bytes as text (ASCII tokens only).</summary>
        public static string Raw(JsonReader reader)
        {
            string text = "";
            for (int i = 0; i < reader.ValueLength; i++) text += (char)reader.Buffer[reader.ValueOffset + i];
            return text;
        }
    }
}
