using System;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Checks incoming params (a property set, a service call's input) against the thing model before the
    /// application sees them: every identifier declared, every value of its TSL type and within its specs.
    /// One pass, no recursion, no allocation.
    /// </summary>
    internal sealed class ThingParamsValidator
    {
        private readonly int[] _first = new int[ThingWriter.MaxDepth];   // object scope: first member; array scope: item node
        private readonly int[] _count = new int[ThingWriter.MaxDepth];   // array scope: elements seen
        private readonly int[] _limit = new int[ThingWriter.MaxDepth];   // array scope: size, -1 for none
        private readonly bool[] _isArray = new bool[ThingWriter.MaxDepth];
        private int _errorOffset = -1;

        /// <summary>Where the last failed check stopped: the offending name or value's offset in the reader's buffer; -1 after success.</summary>
        public int ErrorOffset
        {
            get { return _errorOffset; }
        }

        /// <summary>
        /// Reads the object <paramref name="reader"/> stands on (its StartObject) through its EndObject, checking it
        /// against the list of nodes from <paramref name="firstNode"/>.
        /// </summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.PropertyNotDeclared"/>, <see cref="ErrorCode.TypeMismatch"/>,
        /// <see cref="ErrorCode.ValueOutOfRange"/> or <see cref="ErrorCode.DepthExceeded"/> for the first bad value;
        /// <see cref="ErrorCode.Malformed"/> when the reader does not stand on an object or the JSON breaks.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="model"/> is null.</exception>
        public int Validate(JsonReader reader, ThingModel model, int firstNode)
        {
            if (reader == null) throw new ArgumentNullException("reader");
            if (model == null) throw new ArgumentNullException("model");
            _errorOffset = -1;
            if (reader.TokenType != JsonTokenType.StartObject) return Fail(reader, ErrorCode.Malformed);
            int depth = 1;
            _first[0] = firstNode;
            _isArray[0] = false;
            while (reader.Read())
            {
                JsonTokenType t = reader.TokenType;
                if (t == JsonTokenType.EndObject || t == JsonTokenType.EndArray)
                {
                    if (--depth == 0) return ErrorCode.Ok;
                    continue;
                }

                int scope = depth - 1;
                int node;
                if (_isArray[scope])
                {
                    if (_limit[scope] >= 0 && _count[scope] >= _limit[scope]) return Fail(reader, ErrorCode.ValueOutOfRange);
                    _count[scope]++;
                    node = _first[scope];
                }
                else
                {
                    node = FindName(reader, model, _first[scope]);
                    if (node < 0) return Fail(reader, ErrorCode.PropertyNotDeclared);
                    if (!reader.Read()) break;
                }

                int rc = CheckValue(reader, model, node);
                if (rc != ErrorCode.Ok) return Fail(reader, rc);
                t = reader.TokenType;
                if (t == JsonTokenType.StartObject || t == JsonTokenType.StartArray)
                {
                    if (depth == ThingWriter.MaxDepth) return Fail(reader, ErrorCode.DepthExceeded);
                    bool isArray = t == JsonTokenType.StartArray;
                    _isArray[depth] = isArray;
                    _first[depth] = model._child[node];
                    _count[depth] = 0;
                    _limit[depth] = isArray ? model._size[node] : -1;
                    depth++;
                }
            }

            _errorOffset = reader.ErrorOffset;
            return ErrorCode.Malformed;
        }

        /// <summary>The member of the list from <paramref name="first"/> named by the current property name (escapes decoded), or -1.</summary>
        private static int FindName(JsonReader reader, ThingModel model, int first)
        {
            for (int n = first; n >= 0; n = model._next[n])
            {
                byte[] name = model._name[n];
                if (reader.ValueEquals(name, 0, name.Length)) return n;
            }

            return -1;
        }

        /// <summary>Checks the value token the reader stands on; containers only for their type (their content follows).</summary>
        private static int CheckValue(JsonReader reader, ThingModel model, int node)
        {
            ThingDataType type = (ThingDataType)model._type[node];
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (type == ThingDataType.Float || type == ThingDataType.Double)
                    {
                        double real;
                        int parsed = reader.TryGetDouble(out real);
                        return parsed == ErrorCode.Ok ? ThingValueRules.CheckReal(model, node, real) : ErrorCode.ValueOutOfRange;
                    }

                    if (type == ThingDataType.Text || type == ThingDataType.Struct || type == ThingDataType.Array) return ErrorCode.TypeMismatch;
                    long integer;
                    if (reader.TryGetInt64(out integer) != ErrorCode.Ok) return ErrorCode.ValueOutOfRange; // a fraction, or too large
                    return ThingValueRules.CheckInteger(model, node, integer);
                case JsonTokenType.True:
                case JsonTokenType.False:
                    return ThingValueRules.CheckBoolean(model, node);
                case JsonTokenType.String:
                    if (type == ThingDataType.Date)
                    {
                        long ms;
                        if (reader.TryGetInt64FromString(out ms) != ErrorCode.Ok) return ErrorCode.ValueOutOfRange;
                        return ThingValueRules.CheckInteger(model, node, ms);
                    }

                    return ThingValueRules.CheckText(model, node, UnescapedLength(reader));
                case JsonTokenType.StartObject:
                    return type == ThingDataType.Struct ? ErrorCode.Ok : ErrorCode.TypeMismatch;
                case JsonTokenType.StartArray:
                    return type == ThingDataType.Array ? ErrorCode.Ok : ErrorCode.TypeMismatch;
                default:
                    return ErrorCode.TypeMismatch;                        // null
            }
        }

        /// <summary>UTF-8 length of the current string once its escapes are decoded (the reader has validated them).</summary>
        private static int UnescapedLength(JsonReader reader)
        {
            if (!reader.ValueIsEscaped) return reader.ValueLength;
            byte[] b = reader.Buffer;
            int end = reader.ValueOffset + reader.ValueLength;
            int length = 0;
            for (int p = reader.ValueOffset; p < end;)
            {
                if (b[p] != '\\')
                {
                    length++;
                    p++;
                    continue;
                }

                if (b[p + 1] != 'u')
                {
                    length++;
                    p += 2;
                    continue;
                }

                int unit = Hex4(b, p + 2);
                p += 6;
                if (unit >= 0xD800 && unit <= 0xDBFF)
                {
                    length += 4;                                         // a surrogate pair: the low half's \uXXXX follows
                    p += 6;
                }
                else
                {
                    length += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
                }
            }

            return length;
        }

        private static int Hex4(byte[] b, int p)
        {
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = b[p + i];
                int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                value = (value << 4) | digit;
            }

            return value;
        }

        private int Fail(JsonReader reader, int error)
        {
            _errorOffset = reader.Error != ErrorCode.Ok ? reader.ErrorOffset : reader.ValueOffset;
            return error;
        }
    }
}
