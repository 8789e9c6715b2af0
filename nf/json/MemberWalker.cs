using LinkKit.Nano.Text;

namespace LinkKit.Nano.Json
{
    /// <summary>
    /// Feeds the members of one JSON object, read with the SDK's <see cref="JsonReader"/>, into a lent
    /// <see cref="ThingWriter"/>, one public Write call per value, so each value is checked against the thing model by
    /// the writer itself. Nested objects become <see cref="ThingWriter.WriteStartStruct(string)"/>, arrays
    /// <see cref="ThingWriter.WriteStartArray"/>; a null member is left out.
    /// </summary>
    /// <remarks>
    /// Numbers written without a fraction or exponent that fit a long are written as integers (the writer turns them into
    /// 12.0 for a float or double node), all others as doubles; a number beyond double's range is written as an infinity,
    /// which the writer refuses (<see cref="ErrorCode.NotFinite"/>). When the walk stops, the writer is left failed (an
    /// unmatched end call, so its End call sends nothing) and <see cref="FailedPath"/> names the member.
    /// </remarks>
    internal sealed class MemberWalker
    {
        // Containers the reader tracks: twice the writer's limit, so the writer's DepthExceeded comes first.
        private const int MaxDepth = ThingWriter.MaxDepth * 2;

        private readonly JsonReader _reader = new JsonReader(MaxDepth);
        private readonly string[] _names = new string[MaxDepth];   // object scope: the current member's name
        private readonly int[] _index = new int[MaxDepth];         // array scope: the current element's index
        private readonly bool[] _isArray = new bool[MaxDepth];
        private int _depth;                                        // scope of the current token: 0 is the root object
        private readonly byte[] _digits = new byte[SignificantDigits + 1];
        private readonly byte[] _text = new byte[SignificantDigits + 16];

        /// <summary>Significant digits a double keeps through any decimal text.</summary>
        internal const int SignificantDigits = 15;

        // Numbers of more than SignificantDigits significant digits are read rounded to that many: for text that
        // nanoFramework.Json wrote (JSON given by the app is read exactly).
        private readonly bool _roundsSerializedDoubles;

        /// <param name="roundsSerializedDoubles">True for text nanoFramework.Json wrote: numbers of more than
        /// <see cref="SignificantDigits"/> significant digits are read rounded to that many, and its Infinity goes to the
        /// writer as an infinite double.</param>
        internal MemberWalker(bool roundsSerializedDoubles)
        {
            _roundsSerializedDoubles = roundsSerializedDoubles;
        }

        /// <summary>Where the walk stopped ("Location.site", "Schedule[1].hour"), or null when it did not.</summary>
        internal string FailedPath;

        /// <summary>Why the walk stopped, when the JSON is at fault rather than a value: see the Stop… constants; 0 otherwise.</summary>
        internal int Unsupported;

        /// <summary>The JSON is broken (or the reader's depth is exceeded) at <see cref="FailedPath"/>.</summary>
        internal const int StopMalformed = 1;

        /// <summary>The JSON is not an object.</summary>
        internal const int StopNotObject = 2;

        /// <summary>An array directly inside an array: a thing model's array items are numbers, text or structs.</summary>
        internal const int StopNestedArray = 3;

        /// <summary>Writes the members of the object in <paramref name="json"/>[<paramref name="offset"/>..+<paramref name="count"/>).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; the writer's first error; <see cref="ErrorCode.TypeMismatch"/> for a null array
        /// element, an array in an array or JSON that is not an object; the reader's error (<see cref="ErrorCode.Malformed"/>).</returns>
        internal int Write(ThingWriter writer, byte[] json, int offset, int count)
        {
            JsonReader reader = _reader;
            reader.Reset(json, offset, count);
            _depth = 0;
            FailedPath = null;
            Unsupported = 0;
            if (!reader.Read()) return Stop(writer, reader.Error == ErrorCode.Ok ? ErrorCode.Malformed : reader.Error, StopMalformed);
            if (reader.TokenType != JsonTokenType.StartObject) return Stop(writer, ErrorCode.TypeMismatch, StopNotObject);
            _isArray[0] = false;
            _names[0] = null;

            while (reader.Read())
            {
                JsonTokenType token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    _names[_depth] = reader.GetString();
                    continue;
                }

                if (token == JsonTokenType.EndObject || token == JsonTokenType.EndArray)
                {
                    if (_depth == 0) continue;                          // the root's end: the next Read ends the document
                    _depth--;
                    if (token == JsonTokenType.EndObject) writer.WriteEndStruct();
                    else writer.WriteEndArray();
                }
                else
                {
                    bool element = _isArray[_depth];
                    string name = element ? null : _names[_depth];
                    if (element) _index[_depth]++;
                    switch (token)
                    {
                        case JsonTokenType.String:
                            if (element) writer.Write(reader.GetString());
                            else writer.Write(name, reader.GetString());
                            break;
                        case JsonTokenType.Number:
                            WriteNumber(writer, element, name);
                            break;
                        case JsonTokenType.True:
                        case JsonTokenType.False:
                            if (element) writer.Write(token == JsonTokenType.True);
                            else writer.Write(name, token == JsonTokenType.True);
                            break;
                        case JsonTokenType.Null:
                            if (element) return Stop(writer, ErrorCode.TypeMismatch, 0);
                            break;                                      // a member without a value is left out
                        case JsonTokenType.StartObject:
                            if (element) writer.WriteStartStruct();
                            else writer.WriteStartStruct(name);
                            Open(false);
                            break;
                        default:                                        // StartArray
                            if (element) return Stop(writer, ErrorCode.TypeMismatch, StopNestedArray);
                            writer.WriteStartArray(name);
                            Open(true);
                            break;
                    }
                }

                int error = writer.Error;
                if (error != ErrorCode.Ok) return Stop(writer, error, 0);
            }

            if (reader.Error != ErrorCode.Ok)
            {
                if (_roundsSerializedDoubles && IsInfinity(reader.Buffer, reader.ErrorOffset, offset + count, out bool negative))
                {
                    // nanoFramework.Json writes an infinite double as Infinity (not JSON): the writer says what it makes of one.
                    bool element = _isArray[_depth];
                    if (element) _index[_depth]++;
                    double infinity = negative ? double.NegativeInfinity : double.PositiveInfinity;
                    if (element) writer.Write(infinity);
                    else writer.Write(_names[_depth], infinity);
                    if (writer.Error != ErrorCode.Ok) return Stop(writer, writer.Error, 0);
                }

                return Stop(writer, reader.Error, StopMalformed);
            }

            return ErrorCode.Ok;
        }

        /// <summary>True when the bytes at <paramref name="at"/> (the reader's error offset) are Infinity or -Infinity.</summary>
        private static bool IsInfinity(byte[] buffer, int at, int end, out bool negative)
        {
            negative = false;
            if (at < 0 || at >= end) return false;
            if (buffer[at] == '-')
            {
                negative = true;
                at++;
            }
            else if (at > 0 && buffer[at - 1] == '-')
            {
                negative = true;
            }

            const string Infinity = "Infinity";
            if (end - at < Infinity.Length) return false;
            for (int i = 0; i < Infinity.Length; i++)
            {
                if (buffer[at + i] != Infinity[i]) return false;
            }

            return true;
        }

        /// <summary>True when scope <paramref name="depth"/> of the stopped walk is an array (see <see cref="IndexAt"/>), false for an object (<see cref="NameAt"/>).</summary>
        internal bool IsElement(int depth)
        {
            return _isArray[depth];
        }

        /// <summary>In an object scope, the name of the member the walk was on.</summary>
        internal string NameAt(int depth)
        {
            return _names[depth];
        }

        /// <summary>In an array scope, the index of the element the walk was on.</summary>
        internal int IndexAt(int depth)
        {
            return _index[depth];
        }

        /// <summary>The scope the walk stopped in (0: the root object).</summary>
        internal int FailedDepth
        {
            get { return _depth; }
        }

        private void Open(bool isArray)
        {
            _depth++;
            _isArray[_depth] = isArray;
            _names[_depth] = null;
            _index[_depth] = -1;
        }

        private void WriteNumber(ThingWriter writer, bool element, string name)
        {
            JsonReader reader = _reader;
            byte[] buffer = reader.Buffer;
            int start = reader.ValueOffset, end = start + reader.ValueLength;
            bool integral = ThingJson.IsIntegral(buffer, start, end);

            long whole;
            if (integral && reader.TryGetInt64(out whole) == ErrorCode.Ok)
            {
                if (element) writer.Write(whole);
                else writer.Write(name, whole);
                return;
            }

            double value;
            if (_roundsSerializedDoubles && end - start > SignificantDigits) value = ReadRounded(buffer, start, end);
            else if (reader.TryGetDouble(out value) != ErrorCode.Ok) value = buffer[start] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            if (element) writer.Write(value);
            else writer.Write(name, value);
        }

        /// <summary>
        /// The number in buffer[start..end) rounded to <see cref="SignificantDigits"/> significant digits (half up), read as
        /// the nearest double: nanoFramework's double.ToString writes 17 digits whose last ones can be wrong (25.5 gives
        /// 25.499999999999998, which reads back as the double below 25.5), and any 15-digit decimal survives a double.
        /// </summary>
        private double ReadRounded(byte[] buffer, int start, int end)
        {
            byte[] digits = _digits;
            int count = 0, point = 0, p = start;
            bool negative = buffer[p] == '-', seenPoint = false;
            if (negative) p++;
            for (; p < end; p++)
            {
                byte b = buffer[p];
                if (b == '.')
                {
                    seenPoint = true;
                    continue;
                }

                if (b == 'e' || b == 'E') break;
                if (count == 0 && b == '0')
                {
                    if (seenPoint) point--;                             // 0.00ddd: the point moves right
                    continue;
                }

                if (!seenPoint) point++;
                if (count < digits.Length) digits[count++] = b;
            }

            int exponent = 0;
            if (p < end)
            {
                p++;
                bool minus = buffer[p] == '-';
                if (buffer[p] == '-' || buffer[p] == '+') p++;
                for (; p < end && exponent < 100000; p++) exponent = exponent * 10 + (buffer[p] - '0');
                if (minus) exponent = -exponent;
            }

            if (count > SignificantDigits)
            {
                bool up = digits[SignificantDigits] >= '5';
                count = SignificantDigits;
                for (int i = count - 1; up && i >= 0; i--)
                {
                    if (digits[i] == '9')
                    {
                        digits[i] = (byte)'0';
                        continue;
                    }

                    digits[i]++;
                    up = false;
                }

                if (up)
                {
                    digits[0] = (byte)'1';                              // 9.99…9 rounded up to 10
                    for (int i = 1; i < count; i++) digits[i] = (byte)'0';
                    point++;
                }
            }

            // "-0.<digits>e<point + exponent>", parsed as the SDK's reader parses numbers.
            byte[] text = _text;
            int n = 0;
            if (negative) text[n++] = (byte)'-';
            text[n++] = (byte)'0';
            if (count > 0)
            {
                text[n++] = (byte)'.';
                for (int i = 0; i < count; i++) text[n++] = digits[i];
                text[n++] = (byte)'e';
                n += NumberFormatter.WriteInt32(point + exponent, text, n, text.Length - n);
            }

            double value;
            if (NumberParser.TryParseDouble(text, 0, n, out value) != ErrorCode.Ok) value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return value;
        }

        /// <summary>Records where the walk stopped and leaves the writer failed, so that its End call sends nothing.</summary>
        private int Stop(ThingWriter writer, int error, int unsupported)
        {
            Unsupported = unsupported;
            if (unsupported == StopMalformed && _isArray[_depth]) _index[_depth]++;   // the element that did not read
            FailedPath = Path();
            if (writer.Error == ErrorCode.Ok)
            {
                // An end that does not fit the open container: Malformed, sticky (the writer's own rule).
                if (_isArray[_depth]) writer.WriteEndStruct();
                else writer.WriteEndArray();
            }

            return error;
        }

        private string Path()
        {
            string path = string.Empty;
            for (int d = 0; d <= _depth; d++)
            {
                if (_isArray[d]) path += "[" + (_index[d] < 0 ? 0 : _index[d]).ToString() + "]";
                else if (_names[d] != null) path += (path.Length == 0 ? string.Empty : ".") + _names[d];
            }

            return path;
        }
    }
}
