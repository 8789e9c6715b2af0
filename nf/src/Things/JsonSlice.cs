using LinkKit.Nano.Json;

namespace LinkKit.Nano.Things
{
    /// <summary>Byte ranges of JSON values, so a value can be read again later with its own reader.</summary>
    internal static class JsonSlice
    {
        /// <summary>
        /// From a property name, reads its value and gives the value's range in the reader's buffer (a string with
        /// its quotes, a container from bracket to bracket), leaving the reader on the value's last token.
        /// </summary>
        /// <returns>False when the JSON breaks (the reader's Error says why).</returns>
        internal static bool ReadValue(JsonReader reader, out int start, out int end)
        {
            start = end = -1;
            return reader.Read() && ValueRange(reader, out start, out end);
        }

        /// <summary>As <see cref="ReadValue"/>, for the value the reader stands on.</summary>
        internal static bool ValueRange(JsonReader reader, out int start, out int end)
        {
            JsonTokenType t = reader.TokenType;
            start = reader.ValueOffset;
            end = -1;
            if (t == JsonTokenType.String)
            {
                start--;
                end = reader.ValueOffset + reader.ValueLength + 1;
                return true;
            }

            if (t == JsonTokenType.StartObject || t == JsonTokenType.StartArray)
            {
                if (!reader.Skip()) return false;
                end = reader.ValueOffset + 1;
                return true;
            }

            end = reader.ValueOffset + reader.ValueLength;
            return true;
        }

        /// <summary>Reads an Alink id: a decimal string ("17", as the platform sends them) or a JSON number.</summary>
        internal static int ReadId(JsonReader reader, out long id)
        {
            if (reader.TokenType == JsonTokenType.String) return reader.TryGetInt64FromString(out id);
            return reader.TryGetInt64(out id);
        }
    }
}
