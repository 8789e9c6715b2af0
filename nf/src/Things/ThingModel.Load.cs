using System;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    public sealed partial class ThingModel
    {
        /// <summary>
        /// Deepest data-type nesting, the platform's: an array may hold structs, a struct holds neither structs nor
        /// arrays, and an array holds no arrays.
        /// </summary>
        public const int MaxDataNesting = 2;

        /// <summary>Longest identifier accepted, in UTF-8 bytes (the platform allows 50 characters).</summary>
        public const int MaxIdentifierBytes = 128;

        /// <summary>The platform's longest text: a text's specs length must be 1..this; a text without one gets this.</summary>
        public const int MaxTextLength = 10240;

        /// <summary>The platform's largest array: an array's specs size must be 1..this; an array without one gets this.</summary>
        public const int MaxArraySize = 512;

        /// <summary>The most members a struct may declare on the platform.</summary>
        public const int MaxStructMembers = 50;

        /// <summary>The most values an enum may declare on the platform.</summary>
        public const int MaxEnumValues = 100;

        /// <summary>The most input or output parameters a service, or output parameters an event, may declare on the platform.</summary>
        public const int MaxParameters = 100;

        // Readers: the root's, the section's, a list's and a dataType's per level of nodes, and the innermost specs'.
        private const int ReaderLevels = 3 + 2 * (MaxDataNesting + 1);

        /// <summary>
        /// Loads a thing model from a TSL document (the JSON the console exports, UTF-8) held in
        /// <paramref name="tsl"/>[<paramref name="offset"/>..+<paramref name="count"/>). Allocates the model once;
        /// the buffer is not kept.
        /// </summary>
        /// <remarks>
        /// Reads <c>properties</c>, <c>events</c> and <c>services</c> (each optional: a "simplified TSL" may omit any)
        /// and, in them, <c>identifier</c>, <c>dataType.type</c>/<c>dataType.specs</c>, <c>outputData</c>,
        /// <c>inputData</c> and <c>callType</c>; everything else is skipped. Spec numbers may be strings (as the
        /// console writes them, <c>"min":"-40"</c>) or JSON numbers. The platform's limits are enforced:
        /// <see cref="MaxTextLength"/>, <see cref="MaxArraySize"/>, <see cref="MaxStructMembers"/>,
        /// <see cref="MaxEnumValues"/>, <see cref="MaxParameters"/> and the nesting of <see cref="MaxDataNesting"/>.
        /// </remarks>
        /// <param name="tsl">The buffer holding the TSL.</param>
        /// <param name="offset">Where the TSL starts.</param>
        /// <param name="count">The TSL's length in bytes.</param>
        /// <param name="model">The model; null unless the call returns Ok.</param>
        /// <param name="error">Null on success; otherwise what is wrong and at which byte, e.g.
        /// <c>"TSL byte 120: unknown data type 'integer'"</c>.</param>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.InvalidThingModel"/> with <paramref name="error"/> set.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="tsl"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="tsl"/>.</exception>
        public static int TryLoad(byte[] tsl, int offset, int count, out ThingModel model, out string error)
        {
            BufferArgs.Check(tsl, offset, count);
            Loader loader = new Loader(tsl);
            model = loader.Load(offset, count);
            error = loader.Error;
            return model == null ? ErrorCode.InvalidThingModel : ErrorCode.Ok;
        }

        /// <summary>Reads a TSL into growing arrays, then trims them into a <see cref="ThingModel"/>. Setup-time code: allocation is fine here.</summary>
        private sealed class Loader
        {
            private readonly byte[] _tsl;
            private readonly JsonReader[] _readers = new JsonReader[ReaderLevels];
            private readonly byte[] _scratch = new byte[MaxIdentifierBytes];
            private readonly ThingModel _m = new ThingModel();
            private readonly int[] _path = new int[MaxDataNesting + 1];   // the nodes from the property or parameter to the one being read
            private int _pathDepth;
            private byte[] _callable;                                    // the event or service whose parameters are read; null for properties
            private string _callableKind;                                // "event" or "service"
            private string _listKind;                                    // "input" or "output"
            private int _enumValueCount;

            public string Error;

            public Loader(byte[] tsl)
            {
                _tsl = tsl;
                _m._name = new byte[16][];
                _m._type = new byte[16];
                _m._min = new double[16];
                _m._max = new double[16];
                _m._size = new int[16];
                _m._child = new int[16];
                _m._childCount = new int[16];
                _m._next = new int[16];
                _m._enumValues = new int[16];
                _m._eventName = new byte[4][];
                _m._eventFirstOutput = new int[4];
                _m._serviceName = new byte[4][];
                _m._serviceSync = new bool[4];
                _m._serviceFirstInput = new int[4];
                _m._serviceFirstOutput = new int[4];
            }

            public ThingModel Load(int offset, int count)
            {
                // A UTF-8 byte order mark (Windows Notepad writes one) is not JSON, but it is not the model's fault either.
                if (count >= 3 && _tsl[offset] == 0xEF && _tsl[offset + 1] == 0xBB && _tsl[offset + 2] == 0xBF)
                {
                    offset += 3;
                    count -= 3;
                }

                bool hasSection = false;
                JsonReader r = Reader(0);
                r.Reset(_tsl, offset, count);
                if (!r.Read()) return FailJson(r, offset);
                if (r.TokenType != JsonTokenType.StartObject) return FailAt(r.ValueOffset, "the TSL must be a JSON object");
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    int start, end;
                    if (r.ValueEquals("properties"))
                    {
                        hasSection = true;
                        if (!ValueSlice(r, out start, out end)) break;
                        int first, n;
                        if (!ParseDataList(start, end, 1, out first, out n)) return null;
                        _m._firstProperty = first;
                        _m._propertyCount = n;
                    }
                    else if (r.ValueEquals("events"))
                    {
                        hasSection = true;
                        if (!ValueSlice(r, out start, out end)) break;
                        if (!ParseCallables(start, end, false)) return null;
                    }
                    else if (r.ValueEquals("services"))
                    {
                        hasSection = true;
                        if (!ValueSlice(r, out start, out end)) break;
                        if (!ParseCallables(start, end, true)) return null;
                    }
                    else if (!r.Skip())
                    {
                        break;
                    }
                }

                // The root object has ended (or the JSON broke); nothing but whitespace may follow it.
                if (r.Error != ErrorCode.Ok || r.Read() || r.Error != ErrorCode.Ok) return FailJson(r, offset);

                // An empty model would refuse every post later, far from the cause (often a TSL nested under another key).
                if (!hasSection) return FailAt(offset, "the TSL has none of \"properties\", \"events\", \"services\" at its top level (is it nested under another key?)");
                return Trim();
            }

            /// <summary>Parses an array of data objects ({identifier, dataType}) into a linked node list.</summary>
            private bool ParseDataList(int start, int end, int level, out int first, out int count)
            {
                first = -1;
                count = 0;
                JsonReader r = Reader(level);
                r.Reset(_tsl, start, end - start);
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) return Fail(start, "a list of data definitions must be a JSON array");
                int last = -1;
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType != JsonTokenType.StartObject) return Fail(r.ValueOffset, "a data definition must be a JSON object");
                    int objectStart = r.ValueOffset;
                    int node = ParseDataObject(r, level);
                    if (node < 0) return false;
                    byte[] name = _m._name[node];
                    if (_m.FindMember(first, name, 0, name.Length) >= 0) return Fail(objectStart, "duplicate identifier '" + Quote(name) + "'");
                    if (last < 0) first = node; else _m._next[last] = node;
                    last = node;
                    count++;
                }

                return true;
            }

            /// <summary>Parses {identifier, dataType, ...} from its StartObject through its EndObject; returns the node or -1.</summary>
            private int ParseDataObject(JsonReader r, int level)
            {
                int objectStart = r.ValueOffset;
                byte[] name = null;
                int typeStart = -1, typeEnd = -1;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueEquals("identifier"))
                    {
                        r.Read();
                        name = ReadIdentifier(r);
                        if (name == null) return -1;
                    }
                    else if (r.ValueEquals("dataType"))
                    {
                        if (!ValueSlice(r, out typeStart, out typeEnd)) return -1;
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                if (name == null) return FailNode(objectStart, "a data definition has no identifier");
                if (typeStart < 0) return FailNode(objectStart, "'" + Quote(name) + "' has no dataType");
                int node = NewNode(name);
                return ParseNested(node, typeStart, typeEnd, level + 1) ? node : -1;
            }

            /// <summary>Parses the dataType of <paramref name="node"/> (a named node or an array's item) with the node on the path.</summary>
            private bool ParseNested(int node, int start, int end, int level)
            {
                _path[_pathDepth++] = node;
                bool ok = ParseDataType(node, start, end, level);
                _pathDepth--;
                return ok;
            }

            /// <summary>Parses {type, specs} into <paramref name="node"/>; the two may come in either order.</summary>
            private bool ParseDataType(int node, int start, int end, int level)
            {
                JsonReader r = Reader(level);
                r.Reset(_tsl, start, end - start);
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) return Fail(start, "a dataType must be a JSON object");
                ThingDataType type = ThingDataType.None;
                int typeOffset = start;
                int specsStart = -1, specsEnd = -1;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueEquals("type"))
                    {
                        r.Read();
                        typeOffset = r.ValueOffset;
                        type = ReadTypeName(r);
                        if (type == ThingDataType.None) return false;
                    }
                    else if (r.ValueEquals("specs"))
                    {
                        if (!ValueSlice(r, out specsStart, out specsEnd)) return false;
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                if (type == ThingDataType.None) return Fail(start, "a dataType has no type");
                if (!CheckNesting(type, typeOffset)) return false;
                _m._type[node] = (byte)type;
                if (type == ThingDataType.Text) _m._size[node] = MaxTextLength;
                if (specsStart < 0)
                {
                    // Specs are required where they define the value; bool, date and numbers without limits need none.
                    if (type == ThingDataType.Enum || type == ThingDataType.Struct || type == ThingDataType.Array)
                    {
                        return Fail(typeOffset, TypeName(type) + " dataType has no specs");
                    }

                    return true;
                }

                if (type == ThingDataType.Struct) return ParseStruct(node, specsStart, specsEnd, level + 1);
                if (type == ThingDataType.Array) return ParseArray(node, specsStart, specsEnd, level + 1);
                return ParseScalarSpecs(node, type, specsStart, specsEnd, level + 1);
            }

            /// <summary>
            /// The platform's nesting: a struct's members are scalars (no struct, no array); an array's items are int,
            /// float, double, text or struct.
            /// </summary>
            private bool CheckNesting(ThingDataType type, int offset)
            {
                if (_pathDepth < 2) return true;
                ThingDataType container = (ThingDataType)_m._type[_path[_pathDepth - 2]];
                if (container == ThingDataType.Struct && (type == ThingDataType.Struct || type == ThingDataType.Array))
                {
                    return Fail(offset, Where() + " is " + TypeName(type) + " inside a struct; the platform's struct members are int, float, double, bool, enum, text or date");
                }

                if (container == ThingDataType.Array && type != ThingDataType.Int && type != ThingDataType.Float && type != ThingDataType.Double
                    && type != ThingDataType.Text && type != ThingDataType.Struct)
                {
                    return Fail(offset, Where() + " is " + TypeName(type) + " inside an array; the platform's array items are int, float, double, text or struct");
                }

                return true;
            }

            private bool ParseStruct(int node, int start, int end, int level)
            {
                int first, count;
                if (!ParseDataList(start, end, level, out first, out count)) return false;
                if (count == 0) return Fail(start, "a struct has no members");
                if (count > MaxStructMembers) return TooMany(start, Where() + " struct", count, "members", MaxStructMembers);
                _m._child[node] = first;
                _m._childCount[node] = count;
                return true;
            }

            private bool ParseArray(int node, int start, int end, int level)
            {
                JsonReader r = Reader(level);
                r.Reset(_tsl, start, end - start);
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) return Fail(start, "array specs must be a JSON object");
                _m._size[node] = MaxArraySize;
                int itemStart = -1, itemEnd = -1;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueEquals("size"))
                    {
                        r.Read();
                        int limit;
                        if (!ReadPlatformRange(r, "array size", MaxArraySize, out limit)) return false;
                        _m._size[node] = limit;
                    }
                    else if (r.ValueEquals("item"))
                    {
                        if (!ValueSlice(r, out itemStart, out itemEnd)) return false;
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                if (itemStart < 0) return Fail(start, "array specs have no item");
                int item = NewNode(new byte[0]);
                _m._child[node] = item;
                return ParseNested(item, itemStart, itemEnd, level + 1);
            }

            /// <summary>Specs of int/float/double (min, max), text (length), enum and bool (value → label).</summary>
            private bool ParseScalarSpecs(int node, ThingDataType type, int start, int end, int level)
            {
                JsonReader r = Reader(level);
                r.Reset(_tsl, start, end - start);
                r.Read();

                // An empty specs may be written as [] as well as {} (seen for date and bool).
                if (r.TokenType == JsonTokenType.StartArray && type != ThingDataType.Enum)
                {
                    return r.Read() && r.TokenType == JsonTokenType.EndArray ? true : Fail(start, "specs must be a JSON object");
                }

                if (r.TokenType != JsonTokenType.StartObject) return Fail(start, "specs must be a JSON object");
                bool isNumber = type == ThingDataType.Int || type == ThingDataType.Float || type == ThingDataType.Double;
                int enumFirst = _enumValueCount;
                int enumCount = 0;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (type == ThingDataType.Enum)
                    {
                        int value;
                        if (!ReadEnumKey(r, out value)) return false;
                        if (_m.HasEnumRange(enumFirst, enumCount, value)) return Fail(r.ValueOffset, "duplicate enum value " + value.ToString());
                        AddEnumValue(value);
                        enumCount++;
                        r.Skip();
                    }
                    else if (isNumber && (r.ValueEquals("min") || r.ValueEquals("max")))
                    {
                        bool isMin = r.ValueEquals("min");
                        r.Read();
                        double limit;
                        if (!ReadSpecNumber(r, type == ThingDataType.Int, out limit)) return false;
                        if (isMin) _m._min[node] = limit; else _m._max[node] = limit;
                    }
                    else if (type == ThingDataType.Text && r.ValueEquals("length"))
                    {
                        r.Read();
                        int limit;
                        if (!ReadPlatformRange(r, "text length", MaxTextLength, out limit)) return false;
                        _m._size[node] = limit;
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                if (type == ThingDataType.Enum)
                {
                    if (enumCount == 0) return Fail(start, "an enum declares no values");
                    if (enumCount > MaxEnumValues) return TooMany(start, Where() + " enum", enumCount, "values", MaxEnumValues);
                    _m._child[node] = enumFirst;
                    _m._childCount[node] = enumCount;
                }

                if (isNumber && _m._min[node] > _m._max[node]) return Fail(start, "min is greater than max");
                return true;
            }

            /// <summary>
            /// Parses the events (<paramref name="services"/> false: identifier, outputData) or the services (identifier,
            /// callType, inputData, outputData); one parser for both, as they differ in so little.
            /// </summary>
            private bool ParseCallables(int start, int end, bool services)
            {
                JsonReader r = Reader(1);
                r.Reset(_tsl, start, end - start);
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) return Fail(start, services ? "services must be a JSON array" : "events must be a JSON array");
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType != JsonTokenType.StartObject) return Fail(r.ValueOffset, services ? "a service must be a JSON object" : "an event must be a JSON object");
                    int objectStart = r.ValueOffset;
                    byte[] name = null;
                    bool sync = false;
                    int inStart = -1, inEnd = -1, outStart = -1, outEnd = -1;
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueEquals("identifier"))
                        {
                            r.Read();
                            name = ReadIdentifier(r);
                            if (name == null) return false;
                        }
                        else if (services && r.ValueEquals("callType"))
                        {
                            r.Read();
                            if (r.ValueEquals("sync")) sync = true;
                            else if (!r.ValueEquals("async")) return Fail(r.ValueOffset, "callType must be \"sync\" or \"async\"");
                        }
                        else if (services && r.ValueEquals("inputData"))
                        {
                            if (!ValueSlice(r, out inStart, out inEnd)) return false;
                        }
                        else if (r.ValueEquals("outputData"))
                        {
                            if (!ValueSlice(r, out outStart, out outEnd)) return false;
                        }
                        else
                        {
                            r.Skip();
                        }
                    }

                    if (name == null) return Fail(objectStart, services ? "a service has no identifier" : "an event has no identifier");

                    // The property-post event and the property set/get services: handled as properties.
                    if (services ? IsName(name, "set") || IsName(name, "get") : IsName(name, "post")) continue;
                    if (services ? FindName(_m._serviceName, _m._serviceCount, name) >= 0 : FindName(_m._eventName, _m._eventCount, name) >= 0)
                    {
                        return Fail(objectStart, (services ? "duplicate service '" : "duplicate event '") + Quote(name) + "'");
                    }

                    int firstIn = -1, firstOut = -1;
                    _callable = name;
                    _callableKind = services ? "service" : "event";
                    if (inStart >= 0 && !ParseParameters("input", inStart, inEnd, out firstIn)) return false;
                    if (outStart >= 0 && !ParseParameters("output", outStart, outEnd, out firstOut)) return false;
                    _callable = null;
                    if (services) AddService(name, sync, firstIn, firstOut);
                    else AddEvent(name, firstOut);
                }

                return true;
            }

            /// <summary>Parses the input or output parameters of the event or service in <see cref="_callable"/>.</summary>
            private bool ParseParameters(string kind, int start, int end, out int first)
            {
                _listKind = kind;
                int count;
                if (!ParseDataList(start, end, 2, out first, out count)) return false;
                if (count <= MaxParameters) return true;
                return TooMany(start, _callableKind + " '" + Quote(_callable) + "'", count, kind + " parameters", MaxParameters);
            }

            private ThingDataType ReadTypeName(JsonReader r)
            {
                if (r.TokenType == JsonTokenType.String)
                {
                    if (r.ValueEquals("int")) return ThingDataType.Int;
                    if (r.ValueEquals("float")) return ThingDataType.Float;
                    if (r.ValueEquals("double")) return ThingDataType.Double;
                    if (r.ValueEquals("bool")) return ThingDataType.Bool;
                    if (r.ValueEquals("enum")) return ThingDataType.Enum;
                    if (r.ValueEquals("text")) return ThingDataType.Text;
                    if (r.ValueEquals("date")) return ThingDataType.Date;
                    if (r.ValueEquals("struct")) return ThingDataType.Struct;
                    if (r.ValueEquals("array")) return ThingDataType.Array;
                    Fail(r.ValueOffset, "unknown data type '" + r.GetString()
                        + "' (expected int, float, double, bool, enum, text, date, struct or array)");
                    return ThingDataType.None;
                }

                Fail(r.ValueOffset, "a dataType's type must be a string");
                return ThingDataType.None;
            }

            private byte[] ReadIdentifier(JsonReader r)
            {
                if (r.TokenType != JsonTokenType.String)
                {
                    Fail(r.ValueOffset, "an identifier must be a string");
                    return null;
                }

                int length = r.CopyString(_scratch, 0, _scratch.Length);
                if (length == 0)
                {
                    Fail(r.ValueOffset, "an identifier is empty");
                    return null;
                }

                if (length < 0)
                {
                    Fail(r.ValueOffset, "an identifier is longer than 128 bytes");
                    return null;
                }

                byte[] name = new byte[length];
                Array.Copy(_scratch, 0, name, 0, length);
                return name;
            }

            /// <summary>An enum (or bool) specs key is the value itself, a decimal integer.</summary>
            private bool ReadEnumKey(JsonReader r, out int value)
            {
                value = 0;
                int length = r.CopyString(_scratch, 0, _scratch.Length);
                if (length <= 0 || NumberParser.TryParseInt32(_scratch, 0, length, out value) != ErrorCode.Ok)
                {
                    return Fail(r.ValueOffset, "an enum value must be a decimal integer key");
                }

                return true;
            }

            /// <summary>A spec number: a JSON number or a string holding one, as the console writes them.</summary>
            private bool ReadSpecNumber(JsonReader r, bool integer, out double value)
            {
                value = 0;
                int rc;
                if (r.TokenType == JsonTokenType.Number)
                {
                    rc = r.TryGetDouble(out value);
                }
                else if (r.TokenType == JsonTokenType.String)
                {
                    int length = r.CopyString(_scratch, 0, _scratch.Length);
                    rc = length <= 0 ? ErrorCode.Malformed : NumberParser.TryParseDouble(_scratch, 0, length, out value);
                }
                else
                {
                    rc = ErrorCode.WrongType;
                }

                if (rc != ErrorCode.Ok) return Fail(r.ValueOffset, "a spec must be a number or a string holding one");
                if (integer && (value != (long)value || value < int.MinValue || value > int.MaxValue))
                {
                    return Fail(r.ValueOffset, "an int spec must be a 32-bit integer");
                }

                return true;
            }

            /// <summary>A text length or array size: an integer spec within the platform's 1..<paramref name="max"/>.</summary>
            private bool ReadPlatformRange(JsonReader r, string what, int max, out int value)
            {
                value = 0;
                double number;
                if (!ReadSpecNumber(r, true, out number)) return false;
                value = (int)number;
                if (value >= 1 && value <= max) return true;
                return Fail(r.ValueOffset, Where() + " " + what + " " + value.ToString() + " is outside the platform's 1.." + max.ToString());
            }

            private bool ValueSlice(JsonReader r, out int start, out int end)
            {
                return JsonSlice.ReadValue(r, out start, out end) || Fail(r.ErrorOffset, "the TSL is not valid JSON");
            }

            /// <summary>The reader of one nesting level; the nesting rules keep <paramref name="level"/> below <see cref="ReaderLevels"/>.</summary>
            private JsonReader Reader(int level)
            {
                JsonReader r = _readers[level];
                if (r == null)
                {
                    r = new JsonReader(JsonReader.MaxSupportedDepth);
                    _readers[level] = r;
                }

                return r;
            }

            private int NewNode(byte[] name)
            {
                int n = _m._nodeCount;
                if (n == _m._type.Length) GrowNodes(n * 2);
                _m._name[n] = name;
                _m._type[n] = 0;
                _m._min[n] = double.MinValue;
                _m._max[n] = double.MaxValue;
                _m._size[n] = -1;
                _m._child[n] = -1;
                _m._childCount[n] = 0;
                _m._next[n] = -1;
                _m._nodeCount = n + 1;
                return n;
            }

            private void GrowNodes(int capacity)
            {
                ThingModel m = _m;
                m._name = (byte[][])CopyInto(m._name, new byte[capacity][]);
                m._type = (byte[])CopyInto(m._type, new byte[capacity]);
                m._min = (double[])CopyInto(m._min, new double[capacity]);
                m._max = (double[])CopyInto(m._max, new double[capacity]);
                m._size = (int[])CopyInto(m._size, new int[capacity]);
                m._child = (int[])CopyInto(m._child, new int[capacity]);
                m._childCount = (int[])CopyInto(m._childCount, new int[capacity]);
                m._next = (int[])CopyInto(m._next, new int[capacity]);
            }

            private void AddEnumValue(int value)
            {
                if (_enumValueCount == _m._enumValues.Length) _m._enumValues = (int[])CopyInto(_m._enumValues, new int[_enumValueCount * 2]);
                _m._enumValues[_enumValueCount++] = value;
            }

            private void AddEvent(byte[] name, int firstOutput)
            {
                int i = _m._eventCount;
                if (i == _m._eventName.Length)
                {
                    _m._eventName = (byte[][])CopyInto(_m._eventName, new byte[i * 2][]);
                    _m._eventFirstOutput = (int[])CopyInto(_m._eventFirstOutput, new int[i * 2]);
                }

                _m._eventName[i] = name;
                _m._eventFirstOutput[i] = firstOutput;
                _m._eventCount = i + 1;
            }

            private void AddService(byte[] name, bool sync, int firstInput, int firstOutput)
            {
                int i = _m._serviceCount;
                if (i == _m._serviceName.Length)
                {
                    _m._serviceName = (byte[][])CopyInto(_m._serviceName, new byte[i * 2][]);
                    _m._serviceSync = (bool[])CopyInto(_m._serviceSync, new bool[i * 2]);
                    _m._serviceFirstInput = (int[])CopyInto(_m._serviceFirstInput, new int[i * 2]);
                    _m._serviceFirstOutput = (int[])CopyInto(_m._serviceFirstOutput, new int[i * 2]);
                }

                _m._serviceName[i] = name;
                _m._serviceSync[i] = sync;
                _m._serviceFirstInput[i] = firstInput;
                _m._serviceFirstOutput[i] = firstOutput;
                _m._serviceCount = i + 1;
            }

            /// <summary>Shrinks every array to its used length, so the model keeps no slack.</summary>
            private ThingModel Trim()
            {
                GrowNodes(_m._nodeCount);
                _m._enumValues = (int[])CopyInto(_m._enumValues, new int[_enumValueCount]);
                int e = _m._eventCount;
                _m._eventName = (byte[][])CopyInto(_m._eventName, new byte[e][]);
                _m._eventFirstOutput = (int[])CopyInto(_m._eventFirstOutput, new int[e]);
                int s = _m._serviceCount;
                _m._serviceName = (byte[][])CopyInto(_m._serviceName, new byte[s][]);
                _m._serviceSync = (bool[])CopyInto(_m._serviceSync, new bool[s]);
                _m._serviceFirstInput = (int[])CopyInto(_m._serviceFirstInput, new int[s]);
                _m._serviceFirstOutput = (int[])CopyInto(_m._serviceFirstOutput, new int[s]);
                return _m;
            }

            private ThingModel FailJson(JsonReader r, int offset)
            {
                return FailAt(r.Error != ErrorCode.Ok ? r.ErrorOffset : offset, "the TSL is not valid JSON");
            }

            private ThingModel FailAt(int offset, string reason)
            {
                Fail(offset, reason);
                return null;
            }

            private int FailNode(int offset, string reason)
            {
                Fail(offset, reason);
                return -1;
            }

            /// <summary>What is being read, for messages: "property 'pos.x'", "service 'setup' input 'rows[].x'".</summary>
            private string Where()
            {
                string path = "";
                for (int i = 0; i < _pathDepth; i++)
                {
                    byte[] name = _m._name[_path[i]];
                    path += name.Length == 0 ? "[]" : i == 0 ? Quote(name) : "." + Quote(name);
                }

                string owner = _callable == null ? "property" : _callableKind + " '" + Quote(_callable) + "' " + _listKind;
                return owner + " '" + path + "'";
            }

            private bool TooMany(int offset, string what, int count, string things, int max)
            {
                return Fail(offset, what + " has " + count.ToString() + " " + things + ", the platform allows " + max.ToString());
            }

            private bool Fail(int offset, string reason)
            {
                if (Error == null) Error = "TSL byte " + offset.ToString() + ": " + reason;
                return false;
            }

            private static bool IsName(byte[] name, string text)
            {
                return Utf8.Equals(name, 0, name.Length, text);
            }

            private static int FindName(byte[][] names, int count, byte[] name)
            {
                for (int i = 0; i < count; i++)
                {
                    if (BytesEqual(names[i], name, 0, name.Length)) return i;
                }

                return -1;
            }

            private static string Quote(byte[] name)
            {
                return Utf8.GetString(name, 0, name.Length);
            }

            private static string TypeName(ThingDataType type)
            {
                switch (type)
                {
                    case ThingDataType.Bool: return "a bool";
                    case ThingDataType.Enum: return "an enum";
                    case ThingDataType.Date: return "a date";
                    case ThingDataType.Struct: return "a struct";
                    default: return "an array";
                }
            }

            /// <summary>Copies what fits of <paramref name="from"/> into <paramref name="to"/> (a grown or trimmed array) and returns it.</summary>
            private static Array CopyInto(Array from, Array to)
            {
                Array.Copy(from, to, from.Length < to.Length ? from.Length : to.Length);
                return to;
            }
        }

        /// <summary>Whether <paramref name="value"/> is among the <paramref name="count"/> enum values from <paramref name="first"/>.</summary>
        private bool HasEnumRange(int first, int count, int value)
        {
            for (int i = first; i < first + count; i++)
            {
                if (_enumValues[i] == value) return true;
            }

            return false;
        }
    }
}
