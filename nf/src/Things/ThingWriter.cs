using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// Writes the values of a thing-model message (property post, event post, service answer, shadow report) into
    /// the SDK's payload buffer, checking each against the thing model (TSL) as it is written. The SDK lends it from a
    /// Begin… call until the matching End… call; do not keep it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Errors are sticky: the first failure sets <see cref="Error"/>, later writes do nothing, and the End… call
    /// returns the error without sending. Failures: <see cref="ErrorCode.PropertyNotDeclared"/> (identifier not in
    /// the model's list for this message, or not a member of the open struct), <see cref="ErrorCode.TypeMismatch"/>,
    /// <see cref="ErrorCode.ValueOutOfRange"/>, <see cref="ErrorCode.NotFinite"/>, <see cref="ErrorCode.DepthExceeded"/>,
    /// <see cref="ErrorCode.BufferTooSmall"/>, and <see cref="ErrorCode.Malformed"/> for a call that does not fit the
    /// open container (a name inside an array, an element outside one, an unmatched end).
    /// </para>
    /// <para>
    /// Wire forms follow the TSL type, not the C# type: a bool node is written 0/1, an integer written to a float or
    /// double node gets a decimal point (12 → <c>12.0</c>), a date is a string of UTC milliseconds. Without a model
    /// (custom-protocol mode, or a shadow report) nothing is checked and values are written as given (bool as
    /// <c>true</c>/<c>false</c>).
    /// </para>
    /// </remarks>
    public sealed class ThingWriter
    {
        /// <summary>Deepest nesting of structs and arrays inside a message.</summary>
        public const int MaxDepth = 8;

        private const int Unchecked = -2;    // node value when there is no model to check against

        private readonly int[] _first = new int[MaxDepth];   // object scope: first member node; array scope: item node
        private readonly int[] _count = new int[MaxDepth];   // array scope: elements written
        private readonly int[] _limit = new int[MaxDepth];   // array scope: most elements allowed, -1 for no limit
        private readonly bool[] _isArray = new bool[MaxDepth];
        private readonly byte[] _digits = new byte[20];
        private JsonWriter _json;
        private ThingModel _model;
        private int _depth;
        private int _error;
        private bool _lent;
        private long _time = -1;   // a property post's capture time: each top-level value is written {"value":…,"time":…}

        internal ThingWriter()
        {
        }

        /// <summary>0, or the negative <see cref="ErrorCode"/> of the first failed write.</summary>
        public int Error
        {
            get
            {
                if (_error != ErrorCode.Ok || _json == null) return _error;
                return _json.Error;
            }
        }

        /// <summary>True when values are checked against a thing model.</summary>
        public bool IsChecked
        {
            get { return _model != null; }
        }

        /// <summary>Writes an int, enum, bool (0/1), float/double or date (ms) value.</summary>
        public void Write(string identifier, int value)
        {
            WriteInteger(Member(identifier), identifier, value);
        }

        /// <summary>Writes an int, enum, bool (0/1), float/double or date (ms) value.</summary>
        public void Write(string identifier, long value)
        {
            WriteInteger(Member(identifier), identifier, value);
        }

        /// <summary>Writes a float or double value (shortest round-trip form, always with a decimal point).</summary>
        public void Write(string identifier, double value)
        {
            WriteReal(Member(identifier), identifier, value);
        }

        /// <summary>Writes a float or double value in the shortest form that reads back as the same float (3.3f → <c>3.3</c>).</summary>
        public void Write(string identifier, float value)
        {
            int node = Member(identifier);
            if (node == -1 || !Check(node, node >= 0 ? ThingValueRules.CheckReal(_model, node, value) : ErrorCode.Ok)) return;
            OpenValue(identifier);
            _json.WriteNumber(value);
            CloseValue();
        }

        /// <summary>Writes a bool value: 0/1 for a bool node (true/false without a model).</summary>
        public void Write(string identifier, bool value)
        {
            WriteBoolean(Member(identifier), identifier, value);
        }

        /// <summary>Writes a text value (its length checked in UTF-8 bytes).</summary>
        public void Write(string identifier, string value)
        {
            WriteText(Member(identifier), identifier, value);
        }

        /// <summary>Writes a text value given as UTF-8 bytes.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
        public void WriteText(string identifier, byte[] utf8, int offset, int count)
        {
            Internal.BufferArgs.Check(utf8, offset, count);
            WriteTextBytes(Member(identifier), identifier, utf8, offset, count);
        }

        /// <summary>Writes a date value: UTC milliseconds since 1970, sent as a decimal string.</summary>
        public void WriteDate(string identifier, long unixMilliseconds)
        {
            WriteDateValue(Member(identifier), identifier, unixMilliseconds);
        }

        /// <summary>Opens the struct <paramref name="identifier"/>; write its members, then <see cref="WriteEndStruct"/>.</summary>
        public void WriteStartStruct(string identifier)
        {
            StartContainer(Member(identifier), identifier, false);
        }

        /// <summary>Closes the innermost open struct.</summary>
        public void WriteEndStruct()
        {
            EndContainer(false);
        }

        /// <summary>Opens the array <paramref name="identifier"/>; write its elements with the nameless overloads, then <see cref="WriteEndArray"/>.</summary>
        public void WriteStartArray(string identifier)
        {
            StartContainer(Member(identifier), identifier, true);
        }

        /// <summary>Closes the innermost open array.</summary>
        public void WriteEndArray()
        {
            EndContainer(true);
        }

        /// <summary>Writes an array element (int, enum, bool 0/1, float/double or date item).</summary>
        public void Write(int value)
        {
            WriteInteger(Element(), null, value);
        }

        /// <summary>Writes an array element (int, enum, bool 0/1, float/double or date item).</summary>
        public void Write(long value)
        {
            WriteInteger(Element(), null, value);
        }

        /// <summary>Writes a float or double array element.</summary>
        public void Write(double value)
        {
            WriteReal(Element(), null, value);
        }

        /// <summary>Writes a float or double array element in float's shortest form.</summary>
        public void Write(float value)
        {
            int node = Element();
            if (node == -1 || !Check(node, node >= 0 ? ThingValueRules.CheckReal(_model, node, value) : ErrorCode.Ok)) return;
            _json.WriteNumber(value);
        }

        /// <summary>Writes a bool array element.</summary>
        public void Write(bool value)
        {
            WriteBoolean(Element(), null, value);
        }

        /// <summary>Writes a text array element.</summary>
        public void Write(string value)
        {
            WriteText(Element(), null, value);
        }

        /// <summary>Writes a date array element (UTC milliseconds, sent as a string).</summary>
        public void WriteDate(long unixMilliseconds)
        {
            WriteDateValue(Element(), null, unixMilliseconds);
        }

        /// <summary>Opens a struct element of the open array.</summary>
        public void WriteStartStruct()
        {
            StartContainer(Element(), null, false);
        }

        /// <summary>Starts lending: values go into <paramref name="json"/>, inside the object the SDK has opened, checked against the list from <paramref name="firstNode"/>.</summary>
        internal void Start(JsonWriter json, ThingModel model, int firstNode)
        {
            Start(json, model, firstNode, -1);
        }

        /// <summary>As <see cref="Start(JsonWriter, ThingModel, int)"/>; a <paramref name="time"/> of 0 or more stamps each top-level value with it.</summary>
        internal void Start(JsonWriter json, ThingModel model, int firstNode, long time)
        {
            _time = time;
            _json = json;
            _model = model;
            _error = ErrorCode.Ok;
            _depth = 1;
            _first[0] = firstNode;
            _isArray[0] = false;
            _lent = true;
        }

        /// <summary>As <see cref="Start"/> with an array as the root scope: nameless values checked against <paramref name="itemNode"/>, at most <paramref name="limit"/> (batch and history posts write one value, or an array's elements, this way).</summary>
        internal void StartElements(JsonWriter json, ThingModel model, int itemNode, int limit)
        {
            Start(json, model, itemNode);
            _isArray[0] = true;
            _count[0] = 0;
            _limit[0] = limit;
        }

        /// <summary>Ends lending; returns the first error, or <see cref="ErrorCode.Malformed"/> when a struct or array is still open.</summary>
        internal int Finish()
        {
            _lent = false;
            int error = Error;
            if (error != ErrorCode.Ok) return error;
            return _depth == 1 ? ErrorCode.Ok : ErrorCode.Malformed;
        }

        /// <summary>Records a failure found outside the writer (sticky, as its own).</summary>
        internal void SetError(int error)
        {
            if (_error == ErrorCode.Ok) _error = error;
        }

        /// <summary>Ends lending without a result (the message is abandoned).</summary>
        internal void Abandon()
        {
            _lent = false;
        }

        /// <summary>The node a named value goes to: &gt;= 0 checked, <see cref="Unchecked"/> without a model, -1 after a failure.</summary>
        private int Member(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            if (!CanWrite()) return -1;
            if (_isArray[_depth - 1]) return Fail(ErrorCode.Malformed);
            if (_model == null) return Unchecked;
            int node = _model.FindMember(_first[_depth - 1], identifier);
            return node >= 0 ? node : Fail(ErrorCode.PropertyNotDeclared);
        }

        /// <summary>The node an array element goes to (see <see cref="Member"/>), counting it against the array's size.</summary>
        private int Element()
        {
            if (!CanWrite()) return -1;
            int scope = _depth - 1;
            if (!_isArray[scope]) return Fail(ErrorCode.Malformed);
            if (_limit[scope] >= 0 && _count[scope] >= _limit[scope]) return Fail(ErrorCode.ValueOutOfRange);
            _count[scope]++;
            return _model == null ? Unchecked : _first[scope];
        }

        private bool CanWrite()
        {
            if (!_lent) throw new InvalidOperationException("The ThingWriter is only valid between a Begin... call and its End... call.");
            return _error == ErrorCode.Ok && _json.Error == ErrorCode.Ok;
        }

        private void WriteInteger(int node, string name, long value)
        {
            if (node == -1 || !Check(node, node >= 0 ? ThingValueRules.CheckInteger(_model, node, value) : ErrorCode.Ok)) return;
            ThingDataType type = node >= 0 ? (ThingDataType)_model._type[node] : ThingDataType.Int;
            if (type == ThingDataType.Date)
            {
                WriteDateString(name, value);
                return;
            }

            OpenValue(name);
            if (type == ThingDataType.Float || type == ThingDataType.Double) _json.WriteNumber((double)value);
            else _json.WriteNumber(value);
            CloseValue();
        }

        private void WriteReal(int node, string name, double value)
        {
            if (node == -1 || !Check(node, node >= 0 ? ThingValueRules.CheckReal(_model, node, value) : ErrorCode.Ok)) return;
            OpenValue(name);
            _json.WriteNumber(value);
            CloseValue();
        }

        private void WriteBoolean(int node, string name, bool value)
        {
            if (node == -1 || !Check(node, node >= 0 ? ThingValueRules.CheckBoolean(_model, node) : ErrorCode.Ok)) return;
            OpenValue(name);
            if (node >= 0) _json.WriteNumber(value ? 1 : 0);
            else _json.WriteBoolean(value);
            CloseValue();
        }

        private void WriteText(int node, string name, string value)
        {
            if (node == -1) return;
            if (node >= 0)
            {
                if (value == null) value = string.Empty;
                int length = Utf8.GetByteCount(value);
                if (!Check(node, length < 0 ? length : ThingValueRules.CheckText(_model, node, length))) return;
            }

            OpenValue(name);
            _json.WriteString(value);
            CloseValue();
        }

        private void WriteTextBytes(int node, string name, byte[] utf8, int offset, int count)
        {
            if (node == -1 || !Check(node, node >= 0 ? ThingValueRules.CheckText(_model, node, count) : ErrorCode.Ok)) return;
            OpenValue(name);
            _json.WriteString(utf8, offset, count);
            CloseValue();
        }

        private void WriteDateValue(int node, string name, long unixMilliseconds)
        {
            if (node == -1) return;
            if (node >= 0)
            {
                int rc = (ThingDataType)_model._type[node] == ThingDataType.Date ? ThingValueRules.CheckInteger(_model, node, unixMilliseconds) : ErrorCode.TypeMismatch;
                if (!Check(node, rc)) return;
            }

            WriteDateString(name, unixMilliseconds);
        }

        private void WriteDateString(string name, long unixMilliseconds)
        {
            OpenValue(name);
            int n = NumberFormatter.WriteInt64(unixMilliseconds, _digits, 0, _digits.Length);
            _json.WriteString(_digits, 0, n);
            CloseValue();
        }

        /// <summary>Writes a member's name; a stamped top-level value opens its <c>{"value":</c> wrapper.</summary>
        private void OpenValue(string name)
        {
            if (name == null) return;
            _json.WritePropertyName(name);
            if (_time < 0 || _depth != 1) return;
            _json.WriteStartObject();
            _json.WritePropertyName("value");
        }

        /// <summary>After a top-level value: closes a stamped value's wrapper with its <c>"time"</c>.</summary>
        private void CloseValue()
        {
            if (_time < 0 || _depth != 1) return;
            _json.WriteNumber("time", _time);
            _json.WriteEndObject();
        }

        private void StartContainer(int node, string name, bool isArray)
        {
            if (node == -1) return;
            ThingDataType expected = isArray ? ThingDataType.Array : ThingDataType.Struct;
            if (node >= 0 && (ThingDataType)_model._type[node] != expected)
            {
                Fail(ErrorCode.TypeMismatch);
                return;
            }

            if (_depth == MaxDepth)
            {
                Fail(ErrorCode.DepthExceeded);
                return;
            }

            OpenValue(name);
            if (isArray) _json.WriteStartArray(); else _json.WriteStartObject();
            int scope = _depth++;
            _isArray[scope] = isArray;
            _count[scope] = 0;
            _first[scope] = node >= 0 ? _model._child[node] : -1;
            _limit[scope] = node >= 0 && isArray ? _model._size[node] : -1;
        }

        private void EndContainer(bool isArray)
        {
            if (!CanWrite()) return;
            if (_depth == 1 || _isArray[_depth - 1] != isArray)
            {
                Fail(ErrorCode.Malformed);
                return;
            }

            _depth--;
            if (isArray) _json.WriteEndArray(); else _json.WriteEndObject();
            CloseValue();
        }

        private bool Check(int node, int rc)
        {
            if (rc == ErrorCode.Ok) return true;
            Fail(rc);
            return false;
        }

        private int Fail(int error)
        {
            _error = error;
            return -1;
        }
    }
}
