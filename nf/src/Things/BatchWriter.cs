using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// Writes the dated values of a batch post or a history post (many values per property and many events in one
    /// request, each with the time it was measured), checking every identifier and value against the thing model (TSL)
    /// as it is written. The SDK lends it from <c>BeginBatchPost</c>/<c>BeginHistoryPost</c> until the matching End
    /// call; do not keep it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Values come in series, one per identifier: <see cref="BeginProperty"/>, its values, <see cref="EndProperty"/>;
    /// <see cref="BeginEvent"/>, its values, <see cref="EndEvent"/>; every property before the first event. A value of an
    /// int, float, double, bool, enum, text or date property is one call, <c>Value(value, time)</c>; a struct or array
    /// property's value, and an event's outputs, are written into the <see cref="ThingWriter"/> that
    /// <see cref="BeginValue"/> lends (a struct's members or an event's outputs by name, an array's elements with the
    /// nameless overloads), then <see cref="EndValue"/>. Times are Unix milliseconds (UTC) chosen by the caller, written
    /// as numbers; the platform refuses a time more than 24 h ahead.
    /// </para>
    /// <para>
    /// The same calls build both messages. A batch post groups each series under its identifier,
    /// <c>{"properties":{"temperature":[{"value":21.5,"time":…},…],…},"events":{"alarm":[{"value":{"level":2},"time":…}],…}}</c>,
    /// so an identifier can have only one series per batch post. A history post writes one item per value,
    /// <c>[{"identity":{"productKey":…,"deviceName":…},"properties":[{"temperature":{"value":21.5,"time":…}},…],"events":[{"alarm":{"value":{…},"time":…}},…]}]</c>,
    /// so a series may come back.
    /// </para>
    /// <para>
    /// Errors are sticky, as in <see cref="ThingWriter"/> (whose checks and wire forms each value goes through): the first
    /// one sets <see cref="Error"/>, later values are not written, and the End call returns it without sending:
    /// <see cref="ErrorCode.PropertyNotDeclared"/> (also for every property when there is no thing model),
    /// <see cref="ErrorCode.EventNotDeclared"/>, <see cref="ErrorCode.TypeMismatch"/> (also <see cref="BeginValue"/> on a
    /// property that is not a struct or array), <see cref="ErrorCode.ValueOutOfRange"/> (also a negative time),
    /// <see cref="ErrorCode.NotFinite"/>, <see cref="ErrorCode.BufferTooSmall"/>, and <see cref="ErrorCode.Malformed"/>
    /// when the End call finds a series or value still open. Calls out of order throw
    /// <see cref="InvalidOperationException"/> whatever the data: a series begun inside another, a property after an
    /// event, a value outside a series or while one is open, <c>Value(value, time)</c> in an event, an End… that matches
    /// no Begin…, a second series of one identifier in a batch post, any use outside the lending.
    /// </para>
    /// </remarks>
    public sealed class BatchWriter
    {
        private const int NoSection = 0;
        private const int PropertySection = 1;
        private const int EventSection = 2;

        private readonly AlinkMessageBuilder _owner;
        private readonly JsonWriter _json;
        private readonly ThingWriter _writer;
        private ThingModel _model;
        private int[] _propertySeries;       // batch: one bit per node, set when that property's series begins
        private int[] _eventSeries;          // batch: one bit per event index
        private bool _history;
        private int _section;                // the section open on the wire (or the one the calls reached after an error)
        private bool _inSeries;
        private int _index;                  // the open series' property node or event index; -1 when not declared
        private bool _inValue;
        private bool _valueIsArray;
        private long _valueTime;
        private int _error;

        internal BatchWriter(AlinkMessageBuilder owner, JsonWriter json, ThingWriter writer)
        {
            _owner = owner;
            _json = json;
            _writer = writer;
        }

        /// <summary>0, or the negative <see cref="ErrorCode"/> of the first failed write.</summary>
        public int Error
        {
            get { return _error != ErrorCode.Ok ? _error : _json.Error; }
        }

        /// <summary>Starts the series of property <paramref name="identifier"/>: its values follow, then <see cref="EndProperty"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        /// <exception cref="InvalidOperationException">A series is open, an event was begun before, or (batch post) this property already had its series.</exception>
        public void BeginProperty(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            CheckSeriesMayBegin();
            if (_section == EventSection) throw new InvalidOperationException("Properties come before events: write every property before the first BeginEvent.");
            int node = _model != null ? _model.FindProperty(identifier) : -1;
            if (node >= 0 && !_history) MarkSeries(_propertySeries, node, identifier);
            OpenSeries(node, PropertySection, ErrorCode.PropertyNotDeclared);
        }

        /// <summary>Ends the series begun by <see cref="BeginProperty"/>.</summary>
        /// <exception cref="InvalidOperationException">No property series is open, or a value is.</exception>
        public void EndProperty()
        {
            CloseSeries(false);
        }

        /// <summary>Starts the series of event <paramref name="identifier"/>: its values follow (each through <see cref="BeginValue"/>), then <see cref="EndEvent"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        /// <exception cref="InvalidOperationException">A series is open, or (batch post) this event already had its series.</exception>
        public void BeginEvent(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            CheckSeriesMayBegin();
            int index = _model != null ? _model.FindEvent(identifier) : -1;
            if (index >= 0 && !_history) MarkSeries(_eventSeries, index, identifier);
            OpenSeries(index, EventSection, ErrorCode.EventNotDeclared);
        }

        /// <summary>Ends the series begun by <see cref="BeginEvent"/>.</summary>
        /// <exception cref="InvalidOperationException">No event series is open, or a value is.</exception>
        public void EndEvent()
        {
            CloseSeries(true);
        }

        /// <summary>A value of the open property (int, enum, bool 0/1, float/double or date ms) measured at <paramref name="time"/> (Unix ms).</summary>
        /// <exception cref="InvalidOperationException">No property series is open (or an event's is), or a value is open.</exception>
        public void Value(int value, long time)
        {
            if (!StartScalar(time)) return;
            _writer.Write(value);
            EndScalar(time);
        }

        /// <summary>A value of the open property (int, enum, bool 0/1, float/double or date ms) measured at <paramref name="time"/> (Unix ms).</summary>
        /// <exception cref="InvalidOperationException">As <see cref="Value(int, long)"/>.</exception>
        public void Value(long value, long time)
        {
            if (!StartScalar(time)) return;
            _writer.Write(value);
            EndScalar(time);
        }

        /// <summary>A float or double value of the open property (shortest round-trip form, always with a decimal point).</summary>
        /// <exception cref="InvalidOperationException">As <see cref="Value(int, long)"/>.</exception>
        public void Value(double value, long time)
        {
            if (!StartScalar(time)) return;
            _writer.Write(value);
            EndScalar(time);
        }

        /// <summary>A float or double value of the open property in float's shortest form (3.3f → <c>3.3</c>).</summary>
        /// <exception cref="InvalidOperationException">As <see cref="Value(int, long)"/>.</exception>
        public void Value(float value, long time)
        {
            if (!StartScalar(time)) return;
            _writer.Write(value);
            EndScalar(time);
        }

        /// <summary>A bool value of the open property (sent as 0/1).</summary>
        /// <exception cref="InvalidOperationException">As <see cref="Value(int, long)"/>.</exception>
        public void Value(bool value, long time)
        {
            if (!StartScalar(time)) return;
            _writer.Write(value);
            EndScalar(time);
        }

        /// <summary>A text value of the open property (its length checked in UTF-8 bytes).</summary>
        /// <exception cref="InvalidOperationException">As <see cref="Value(int, long)"/>.</exception>
        public void Value(string value, long time)
        {
            if (!StartScalar(time)) return;
            _writer.Write(value);
            EndScalar(time);
        }

        /// <summary>A value of the open date property: <paramref name="unixMilliseconds"/>, sent as a decimal string.</summary>
        /// <exception cref="InvalidOperationException">As <see cref="Value(int, long)"/>.</exception>
        public void DateValue(long unixMilliseconds, long time)
        {
            if (!StartScalar(time)) return;
            _writer.WriteDate(unixMilliseconds);
            EndScalar(time);
        }

        /// <summary>
        /// Starts a value measured at <paramref name="time"/> (Unix ms) of the open struct or array property, or of the
        /// open event: write the struct's members, the array's elements or the event's outputs into the returned writer,
        /// then call <see cref="EndValue"/>. After an error the writer refuses everything.
        /// </summary>
        /// <exception cref="InvalidOperationException">No series is open, or a value is.</exception>
        public ThingWriter BeginValue(long time)
        {
            CheckValueMayBegin();
            _inValue = true;
            _valueTime = time;
            _valueIsArray = false;
            int rc = Error;
            if (rc == ErrorCode.Ok && time < 0) rc = ErrorCode.ValueOutOfRange;
            int first = -1;
            int limit = -1;
            if (rc == ErrorCode.Ok)
            {
                if (SeriesIsEvent)
                {
                    first = _model.GetEventFirstOutput(_index);
                }
                else
                {
                    ThingDataType type = (ThingDataType)_model._type[_index];
                    if (type == ThingDataType.Struct || type == ThingDataType.Array) first = _model._child[_index];
                    else rc = ErrorCode.TypeMismatch;
                    _valueIsArray = type == ThingDataType.Array;
                    limit = _model._size[_index];
                }
            }

            if (rc != ErrorCode.Ok)
            {
                if (_error == ErrorCode.Ok) _error = rc;
                _writer.Start(_json, null, -1);
                _writer.SetError(rc);
                return _writer;
            }

            StartEntry();
            if (_valueIsArray)
            {
                _json.WriteStartArray();
                _writer.StartElements(_json, _model, first, limit);
            }
            else
            {
                _json.WriteStartObject();
                _writer.Start(_json, _model, first);
            }

            return _writer;
        }

        /// <summary>Ends the value begun by <see cref="BeginValue"/>; the writer it lent is no longer valid.</summary>
        /// <exception cref="InvalidOperationException">No value is open.</exception>
        public void EndValue()
        {
            CheckLent();
            if (!_inValue) throw new InvalidOperationException("No value is open: EndValue() follows BeginValue(time).");
            _inValue = false;
            int rc = _writer.Finish();
            if (_error != ErrorCode.Ok) return;
            if (rc != ErrorCode.Ok)
            {
                _error = rc;
                return;
            }

            if (_valueIsArray) _json.WriteEndArray(); else _json.WriteEndObject();
            EndEntry(_valueTime);
        }

        /// <summary>Prepares for <paramref name="model"/> (null: nothing is declared); allocates once per model.</summary>
        internal void Reserve(ThingModel model)
        {
            _model = model;
            _propertySeries = model != null ? new int[(model.NodeCount + 31) / 32] : null;
            _eventSeries = model != null ? new int[(model.EventCount + 31) / 32] : null;
        }

        /// <summary>True when <see cref="Reserve"/> was called for <paramref name="model"/>.</summary>
        internal bool IsReservedFor(ThingModel model)
        {
            return _model == model && (model == null || _propertySeries != null);
        }

        /// <summary>Starts lending for a batch post (params object open) or a history post (its item open, identity written).</summary>
        internal void Start(bool history)
        {
            _history = history;
            _section = NoSection;
            _inSeries = false;
            _inValue = false;
            _index = -1;
            _error = ErrorCode.Ok;
            Clear(_propertySeries);
            Clear(_eventSeries);
        }

        /// <summary>Closes what the calls opened, up to and including params; returns the first error, or Malformed for a series or value left open.</summary>
        internal int Finish()
        {
            bool open = _inSeries || _inValue;
            if (_inValue)
            {
                _inValue = false;
                _writer.Abandon();
            }

            int error = Error;
            if (error != ErrorCode.Ok) return error;
            if (open) return ErrorCode.Malformed;
            if (_section != NoSection)
            {
                if (_history) _json.WriteEndArray(); else _json.WriteEndObject();
            }

            _json.WriteEndObject();                      // params (batch) or the item (history)
            if (_history) _json.WriteEndArray();         // params (history)
            return _json.Error;
        }

        internal bool IsHistory
        {
            get { return _history; }
        }

        private void CheckLent()
        {
            if (!_owner.IsBatchOpen) throw new InvalidOperationException("The BatchWriter is only valid between a BeginBatchPost or BeginHistoryPost call and its End call.");
        }

        private void CheckSeriesMayBegin()
        {
            CheckLent();
            if (_inValue) throw ValueIsOpen();
            if (_inSeries) throw new InvalidOperationException(SeriesIsEvent ? "An event's series is open: call EndEvent() first." : "A property's series is open: call EndProperty() first.");
        }

        private void CheckValueMayBegin()
        {
            CheckLent();
            if (_inValue) throw ValueIsOpen();
            if (!_inSeries) throw new InvalidOperationException("No series is open: call BeginProperty or BeginEvent first.");
        }

        private static InvalidOperationException ValueIsOpen()
        {
            return new InvalidOperationException("A value is open: write it into the ThingWriter BeginValue returned, then call EndValue().");
        }

        /// <summary>Records that the series of <paramref name="index"/> began (a batch post holds one per identifier).</summary>
        private static void MarkSeries(int[] bits, int index, string identifier)
        {
            int word = index >> 5;
            int bit = 1 << (index & 31);
            if ((bits[word] & bit) != 0)
            {
                throw new InvalidOperationException("'" + identifier + "' already has its series in this batch post: write each identifier's values between one Begin... call and its End... call.");
            }

            bits[word] |= bit;
        }

        private void OpenSeries(int index, int section, int notDeclared)
        {
            int previous = _section;
            _section = section;
            _inSeries = true;
            _index = index;
            if (!CanWrite()) return;
            if (index < 0)
            {
                _error = notDeclared;
                return;
            }

            if (previous != section)
            {
                if (previous != NoSection)
                {
                    if (_history) _json.WriteEndArray(); else _json.WriteEndObject();
                }

                _json.WritePropertyName(SeriesIsEvent ? "events" : "properties");
                if (_history) _json.WriteStartArray(); else _json.WriteStartObject();
            }

            if (_history) return;
            byte[] name = SeriesName();
            _json.WritePropertyName(name, 0, name.Length);
            _json.WriteStartArray();
        }

        private void CloseSeries(bool isEvent)
        {
            CheckLent();
            if (_inValue) throw ValueIsOpen();
            if (!_inSeries || SeriesIsEvent != isEvent)
            {
                throw new InvalidOperationException(isEvent ? "No event's series is open: EndEvent() follows BeginEvent(identifier)." : "No property's series is open: EndProperty() follows BeginProperty(identifier).");
            }

            _inSeries = false;
            if (!_history && CanWrite()) _json.WriteEndArray();
        }

        /// <summary>Checks the order and the time, then opens the entry and lends the writer for one nameless value of the open property.</summary>
        private bool StartScalar(long time)
        {
            CheckValueMayBegin();
            if (SeriesIsEvent) throw new InvalidOperationException("An event's value is its outputs: call BeginValue(time) and write them into the ThingWriter it returns.");
            if (!CanWrite()) return false;
            if (time < 0)
            {
                _error = ErrorCode.ValueOutOfRange;
                return false;
            }

            StartEntry();
            _writer.StartElements(_json, _model, _index, 1);
            return true;
        }

        private void EndScalar(long time)
        {
            int rc = _writer.Finish();
            if (rc != ErrorCode.Ok)
            {
                _error = rc;
                return;
            }

            EndEntry(time);
        }

        /// <summary>Batch: <c>{"value":</c>; history: <c>{"id":{"value":</c>.</summary>
        private void StartEntry()
        {
            if (_history)
            {
                byte[] name = SeriesName();
                _json.WriteStartObject();
                _json.WritePropertyName(name, 0, name.Length);
            }

            _json.WriteStartObject();
            _json.WritePropertyName("value");
        }

        /// <summary>Batch: <c>,"time":t}</c>; history: <c>,"time":t}}</c>.</summary>
        private void EndEntry(long time)
        {
            _json.WriteNumber("time", time);
            _json.WriteEndObject();
            if (_history) _json.WriteEndObject();
        }

        private byte[] SeriesName()
        {
            return SeriesIsEvent ? _model.EventName(_index) : _model._name[_index];
        }

        // The series open (or last open) is an event's: sections only move forward, properties then events.
        private bool SeriesIsEvent
        {
            get { return _section == EventSection; }
        }

        private bool CanWrite()
        {
            return Error == ErrorCode.Ok;
        }

        private static void Clear(int[] bits)
        {
            if (bits == null) return;
            for (int i = 0; i < bits.Length; i++) bits[i] = 0;
        }
    }
}
