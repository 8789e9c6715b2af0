using System;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Text;

namespace LinkKit.Nano
{
    /// <summary>
    /// A thing model (TSL, 物模型) in the compact form the device keeps: what <see cref="TryLoad"/> read from a
    /// console export, parsed once, with identifiers as UTF-8 byte arrays and types and specs in parallel arrays.
    /// Immutable after loading and safe to share between threads.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Every declared value is a <em>node</em>: each property, struct member, array item, event output and service
    /// parameter. A node has an identifier (empty for an array's item), a <see cref="ThingDataType"/>, specs (min/max,
    /// enum values, text length, array size) and children (a struct's members, an array's item). Members of one list
    /// are linked: start from <see cref="FirstProperty"/>, <see cref="GetEventFirstOutput"/>,
    /// <see cref="GetServiceFirstInput"/> or <see cref="GetFirstMember"/> and follow <see cref="GetNextSibling"/>
    /// until -1.
    /// </para>
    /// <para>
    /// The property-post event ("post") and the property set/get services ("set", "get") are not listed as events
    /// or services: the SDK handles them as properties.
    /// </para>
    /// </remarks>
    public sealed partial class ThingModel
    {
        // Nodes, in parallel arrays. The writer and the validators read the internal ones directly, unchecked: an
        // accessor method per array would cost the device assembly ~30 bytes each and a call per value checked.
        internal byte[][] _name;     // UTF-8 identifier; empty for an array's item node
        internal byte[] _type;       // ThingDataType
        internal double[] _min;      // numeric lower bound; double.MinValue when the specs give none
        internal double[] _max;      // numeric upper bound; double.MaxValue when the specs give none
        internal int[] _size;        // text: max UTF-8 bytes; array: max elements (the platform's maximum when the specs give none); -1 otherwise
        internal int[] _child;       // struct: first member; array: item node; enum: first index into _enumValues; -1: none
        private int[] _childCount;   // struct: members; enum: values
        internal int[] _next;        // next node of the same list; -1 at its end
        private int[] _enumValues;
        private int _nodeCount;

        private int _firstProperty = -1;
        private int _propertyCount;

        private byte[][] _eventName;
        private int[] _eventFirstOutput;
        private int _eventCount;

        private byte[][] _serviceName;
        private bool[] _serviceSync;
        private int[] _serviceFirstInput;
        private int[] _serviceFirstOutput;
        private int _serviceCount;

        private ThingModel()
        {
        }

        /// <summary>How many nodes (properties, members, items, event outputs, service parameters) the model holds.</summary>
        public int NodeCount
        {
            get { return _nodeCount; }
        }

        /// <summary>How many properties the model declares.</summary>
        public int PropertyCount
        {
            get { return _propertyCount; }
        }

        /// <summary>The first property's node, or -1 when there are none; continue with <see cref="GetNextSibling"/>.</summary>
        public int FirstProperty
        {
            get { return _firstProperty; }
        }

        /// <summary>How many events the model declares (the property-post event "post" excluded).</summary>
        public int EventCount
        {
            get { return _eventCount; }
        }

        /// <summary>How many services the model declares (the property services "set" and "get" excluded).</summary>
        public int ServiceCount
        {
            get { return _serviceCount; }
        }

        /// <summary>The property node named <paramref name="identifier"/>, or -1.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public int FindProperty(string identifier)
        {
            return FindMember(_firstProperty, identifier);
        }

        /// <summary>The node named <paramref name="identifier"/> in the list starting at <paramref name="first"/> (-1 = empty list), or -1.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public int FindMember(int first, string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            for (int n = first; n >= 0; n = _next[n])
            {
                byte[] name = _name[n];
                if (Utf8.Equals(name, 0, name.Length, identifier)) return n;
            }

            return -1;
        }

        /// <summary>As <see cref="FindMember(int, string)"/>, for an identifier given as UTF-8 bytes.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
        public int FindMember(int first, byte[] utf8, int offset, int count)
        {
            Internal.BufferArgs.Check(utf8, offset, count);
            for (int n = first; n >= 0; n = _next[n])
            {
                if (BytesEqual(_name[n], utf8, offset, count)) return n;
            }

            return -1;
        }

        /// <summary>The node after <paramref name="node"/> in its list, or -1 at the end.</summary>
        public int GetNextSibling(int node)
        {
            return _next[CheckNode(node)];
        }

        /// <summary>The node's identifier as a new string (allocates); empty for an array's item.</summary>
        public string GetIdentifier(int node)
        {
            byte[] name = _name[CheckNode(node)];
            return Utf8.GetString(name, 0, name.Length);
        }

        /// <summary>True when the node's identifier is <paramref name="identifier"/> (no allocation).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public bool IdentifierEquals(int node, string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            byte[] name = _name[CheckNode(node)];
            return Utf8.Equals(name, 0, name.Length, identifier);
        }

        /// <summary>The node's data type.</summary>
        public ThingDataType GetDataType(int node)
        {
            return (ThingDataType)_type[CheckNode(node)];
        }

        /// <summary>The lower bound of an int, float or double node; <see cref="double.MinValue"/> when its specs give none.</summary>
        public double GetMin(int node)
        {
            return _min[CheckNode(node)];
        }

        /// <summary>The upper bound of an int, float or double node; <see cref="double.MaxValue"/> when its specs give none.</summary>
        public double GetMax(int node)
        {
            return _max[CheckNode(node)];
        }

        /// <summary>
        /// A text node's longest value in UTF-8 bytes, or an array node's most elements (<see cref="MaxTextLength"/> or
        /// <see cref="MaxArraySize"/> when the specs give none); -1 for other types.
        /// </summary>
        public int GetSize(int node)
        {
            return _size[CheckNode(node)];
        }

        /// <summary>A struct node's first member (continue with <see cref="GetNextSibling"/>), or -1.</summary>
        public int GetFirstMember(int node)
        {
            CheckNode(node);
            return _type[node] == (byte)ThingDataType.Struct ? _child[node] : -1;
        }

        /// <summary>An array node's item node (its element type and specs), or -1.</summary>
        public int GetArrayItem(int node)
        {
            CheckNode(node);
            return _type[node] == (byte)ThingDataType.Array ? _child[node] : -1;
        }

        /// <summary>How many values an enum node declares (0 for other types).</summary>
        public int GetEnumValueCount(int node)
        {
            CheckNode(node);
            return _type[node] == (byte)ThingDataType.Enum ? _childCount[node] : 0;
        }

        /// <summary>An enum node's <paramref name="index"/>th declared value, in TSL order.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="GetEnumValueCount"/>.</exception>
        public int GetEnumValue(int node, int index)
        {
            if (index < 0 || index >= GetEnumValueCount(node)) throw new ArgumentOutOfRangeException("index");
            return _enumValues[_child[node] + index];
        }

        /// <summary>The index of the event named <paramref name="identifier"/>, or -1.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public int FindEvent(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            for (int i = 0; i < _eventCount; i++)
            {
                byte[] name = _eventName[i];
                if (Utf8.Equals(name, 0, name.Length, identifier)) return i;
            }

            return -1;
        }

        /// <summary>The index of the event whose identifier is the UTF-8 bytes given, or -1.</summary>
        public int FindEvent(byte[] utf8, int offset, int count)
        {
            Internal.BufferArgs.Check(utf8, offset, count);
            for (int i = 0; i < _eventCount; i++)
            {
                if (BytesEqual(_eventName[i], utf8, offset, count)) return i;
            }

            return -1;
        }

        /// <summary>The event's identifier as a new string (allocates).</summary>
        public string GetEventIdentifier(int eventIndex)
        {
            byte[] name = _eventName[CheckIndex(eventIndex, _eventCount)];
            return Utf8.GetString(name, 0, name.Length);
        }

        /// <summary>The event's first output parameter node, or -1 when it has none.</summary>
        public int GetEventFirstOutput(int eventIndex)
        {
            return _eventFirstOutput[CheckIndex(eventIndex, _eventCount)];
        }

        /// <summary>The index of the service named <paramref name="identifier"/>, or -1.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public int FindService(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            for (int i = 0; i < _serviceCount; i++)
            {
                byte[] name = _serviceName[i];
                if (Utf8.Equals(name, 0, name.Length, identifier)) return i;
            }

            return -1;
        }

        /// <summary>The index of the service whose identifier is the UTF-8 bytes given, or -1.</summary>
        public int FindService(byte[] utf8, int offset, int count)
        {
            Internal.BufferArgs.Check(utf8, offset, count);
            for (int i = 0; i < _serviceCount; i++)
            {
                if (BytesEqual(_serviceName[i], utf8, offset, count)) return i;
            }

            return -1;
        }

        /// <summary>The service's identifier as a new string (allocates).</summary>
        public string GetServiceIdentifier(int serviceIndex)
        {
            byte[] name = _serviceName[CheckIndex(serviceIndex, _serviceCount)];
            return Utf8.GetString(name, 0, name.Length);
        }

        /// <summary>True for a synchronous service (callType "sync": called through RRPC), false for "async".</summary>
        public bool IsServiceSync(int serviceIndex)
        {
            return _serviceSync[CheckIndex(serviceIndex, _serviceCount)];
        }

        /// <summary>The service's first input parameter node, or -1 when it has none.</summary>
        public int GetServiceFirstInput(int serviceIndex)
        {
            return _serviceFirstInput[CheckIndex(serviceIndex, _serviceCount)];
        }

        /// <summary>The service's first output parameter node, or -1 when it has none.</summary>
        public int GetServiceFirstOutput(int serviceIndex)
        {
            return _serviceFirstOutput[CheckIndex(serviceIndex, _serviceCount)];
        }

        internal byte[] EventName(int eventIndex)
        {
            return _eventName[eventIndex];
        }

        /// <summary>Whether <paramref name="value"/> is one of an enum node's declared values.</summary>
        internal bool HasEnumValue(int node, long value)
        {
            int first = _child[node];
            int end = first + _childCount[node];
            for (int i = first; i < end; i++)
            {
                if (_enumValues[i] == value) return true;
            }

            return false;
        }

        private int CheckNode(int node)
        {
            return CheckIndex(node, _nodeCount);
        }

        private static int CheckIndex(int index, int count)
        {
            if (index < 0 || index >= count) throw new ArgumentOutOfRangeException("index");
            return index;
        }

        internal static bool BytesEqual(byte[] a, byte[] b, int offset, int count)
        {
            return a.Length == count && ByteRanges.Equal(a, 0, b, offset, count);
        }
    }
}
