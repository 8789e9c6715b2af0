using System;
using System.Collections;
using LinkKit.Nano.Text;
using LinkKit.Nano.Things;

namespace LinkKit.Nano.Json
{
    // The part of ThingJson that needs only the SDK (no nanoFramework.Json): JSON text into a ThingWriter, and a lent
    // JsonReader into Hashtable/ArrayList trees. The desktop test build compiles this file alone.
    public static partial class ThingJson
    {
        /// <summary>
        /// Writes the members of the JSON object in <paramref name="json"/>[<paramref name="offset"/>..+<paramref name="count"/>)
        /// into <paramref name="writer"/>, inside the scope it has open, each through the writer's own Write call (so each
        /// value is checked against the thing model exactly as a hand-written call would be): strings with
        /// <c>Write(string, string)</c>, integers with <c>Write(string, long)</c>, other numbers with <c>Write(string, double)</c>,
        /// true/false with <c>Write(string, bool)</c>, objects with <c>WriteStartStruct</c>, arrays with <c>WriteStartArray</c>.
        /// A member whose value is null is left out.
        /// </summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; the writer's first error (<see cref="ErrorCode.PropertyNotDeclared"/>,
        /// <see cref="ErrorCode.TypeMismatch"/>, <see cref="ErrorCode.ValueOutOfRange"/>, <see cref="ErrorCode.NotFinite"/>,
        /// <see cref="ErrorCode.DepthExceeded"/>, <see cref="ErrorCode.BufferTooSmall"/>…); <see cref="ErrorCode.TypeMismatch"/>
        /// for JSON that is not an object, a null array element or an array directly inside an array (no thing model holds
        /// one); <see cref="ErrorCode.Malformed"/> for broken JSON. On an error the writer is left failed, so its End call
        /// sends nothing.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="json"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="json"/>.</exception>
        public static int WriteJson(this ThingWriter writer, byte[] json, int offset, int count)
        {
            if (writer == null) throw new ArgumentNullException("writer");
            if (json == null) throw new ArgumentNullException("json");
            if (offset < 0 || count < 0 || offset > json.Length - count) throw new ArgumentOutOfRangeException("offset");
            return new MemberWalker(false).Write(writer, json, offset, count);
        }

        /// <summary>
        /// Reads the current value of <paramref name="reader"/> into objects: an object into a <see cref="Hashtable"/>
        /// (string keys; a repeated name keeps its last value), an array into an <see cref="ArrayList"/>, a string into a
        /// string, true/false into a bool, null into null, and a number written without a fraction or exponent into an
        /// int when it fits, else a long when it fits; every other number into a double (±infinity beyond its range).
        /// </summary>
        /// <remarks>
        /// Give it the reader the SDK lends (<see cref="LinkKitClient.PropertySet"/>: standing on the params object's
        /// StartObject; <see cref="ServiceCall.Parameters"/>), a reader standing on a property name (its value is read), or
        /// a reader just reset (the root value is read). It stops on the value's last token (EndObject, EndArray, or the
        /// scalar itself). The values are new objects: they stay valid after the handler returns.
        /// </remarks>
        /// <returns>The value; null for a JSON null, for broken JSON (the reader's Error says why) or at the document's end.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
        /// <exception cref="InvalidOperationException">The reader stands on the end of an object or array (no value).</exception>
        public static object ReadValue(this JsonReader reader)
        {
            if (reader == null) throw new ArgumentNullException("reader");
            if (!MoveToValue(reader)) return null;
            object value = ReadCurrent(reader);
            return value == Broken ? null : value;
        }

        /// <summary>
        /// As <see cref="ReadValue"/> for an object: the params of a property set or a service call as a
        /// <see cref="Hashtable"/> of their members.
        /// </summary>
        /// <returns>The members; null when the value is not an object or the JSON is broken.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
        /// <exception cref="InvalidOperationException">The reader stands on the end of an object or array (no value).</exception>
        public static Hashtable ReadHashtable(this JsonReader reader)
        {
            return ReadValue(reader) as Hashtable;
        }

        /// <summary>
        /// The JSON text of the current value of <paramref name="reader"/> (positioned as for <see cref="ReadValue"/>),
        /// exactly as received: for nanoFramework.Json's <c>JsonConvert.DeserializeObject</c>, or to keep for later.
        /// The reader stops on the value's last token.
        /// </summary>
        /// <returns>The text; null for broken JSON or at the document's end.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
        /// <exception cref="InvalidOperationException">The reader stands on the end of an object or array (no value).</exception>
        public static string GetJson(this JsonReader reader)
        {
            if (reader == null) throw new ArgumentNullException("reader");
            int start, end;
            if (!MoveToValue(reader) || !JsonSlice.ValueRange(reader, out start, out end)) return null;
            return Utf8.GetString(reader.Buffer, start, end - start);
        }

        // Marks broken JSON while a tree is read (null is a value).
        private static readonly object Broken = new object();

        /// <summary>Puts the reader on a value token: reads the root of a reset reader, or a property's value.</summary>
        private static bool MoveToValue(JsonReader reader)
        {
            JsonTokenType token = reader.TokenType;
            if (token == JsonTokenType.None || token == JsonTokenType.PropertyName)
            {
                if (!reader.Read()) return false;
                token = reader.TokenType;
            }

            if (token == JsonTokenType.EndObject || token == JsonTokenType.EndArray)
            {
                throw new InvalidOperationException("The JsonReader stands on the end of an object or array, not on a value.");
            }

            return true;
        }

        /// <summary>The value the reader stands on (a start token: the whole container), or <see cref="Broken"/>. Recursion is bounded by the reader's depth.</summary>
        private static object ReadCurrent(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return ReadNumber(reader);
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.StartObject:
                    Hashtable members = new Hashtable();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        string name = reader.GetString();
                        if (!reader.Read()) return Broken;
                        object member = ReadCurrent(reader);
                        if (member == Broken) return Broken;
                        members[name] = member;
                    }

                    return reader.TokenType == JsonTokenType.EndObject ? members : Broken;
                case JsonTokenType.StartArray:
                    ArrayList items = new ArrayList();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        object item = ReadCurrent(reader);
                        if (item == Broken) return Broken;
                        items.Add(item);
                    }

                    return reader.TokenType == JsonTokenType.EndArray ? items : Broken;
                default:
                    return Broken;
            }
        }

        /// <summary>True when the number's text has no fraction and no exponent (it may still be too large for a long).</summary>
        internal static bool IsIntegral(byte[] buffer, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                byte b = buffer[i];
                if (b == '.' || b == 'e' || b == 'E') return false;
            }

            return true;
        }

        private static object ReadNumber(JsonReader reader)
        {
            byte[] buffer = reader.Buffer;
            int start = reader.ValueOffset, end = start + reader.ValueLength;
            bool integral = IsIntegral(buffer, start, end);

            if (integral)
            {
                int small;
                if (reader.TryGetInt32(out small) == ErrorCode.Ok) return small;
                long large;
                if (reader.TryGetInt64(out large) == ErrorCode.Ok) return large;
            }

            double value;
            if (reader.TryGetDouble(out value) != ErrorCode.Ok) value = buffer[start] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return value;
        }
    }
}
