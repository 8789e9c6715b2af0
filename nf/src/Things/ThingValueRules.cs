namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The TSL checks of one value against one node, shared by the writer (outgoing values) and the params
    /// validator (incoming values). Each returns <see cref="ErrorCode.Ok"/>, <see cref="ErrorCode.ValueOutOfRange"/>,
    /// <see cref="ErrorCode.TypeMismatch"/> or <see cref="ErrorCode.NotFinite"/>.
    /// </summary>
    internal static class ThingValueRules
    {
        /// <summary>An integer for an int, enum, bool (0/1), date (ms, not negative), float or double node.</summary>
        internal static int CheckInteger(ThingModel model, int node, long value)
        {
            switch ((ThingDataType)model._type[node])
            {
                case ThingDataType.Int:
                    if (value < int.MinValue || value > int.MaxValue) return ErrorCode.ValueOutOfRange;
                    return InRange(model, node, value) ? ErrorCode.Ok : ErrorCode.ValueOutOfRange;
                case ThingDataType.Float:
                case ThingDataType.Double:
                    return CheckReal(model, node, value);
                case ThingDataType.Bool:
                    return value == 0 || value == 1 ? ErrorCode.Ok : ErrorCode.ValueOutOfRange;
                case ThingDataType.Enum:
                    return model.HasEnumValue(node, value) ? ErrorCode.Ok : ErrorCode.ValueOutOfRange;
                case ThingDataType.Date:
                    return value >= 0 ? ErrorCode.Ok : ErrorCode.ValueOutOfRange;
                default:
                    return ErrorCode.TypeMismatch;
            }
        }

        /// <summary>A fractional number for a float or double node (finite, within min/max; a float also within float's range).</summary>
        internal static int CheckReal(ThingModel model, int node, double value)
        {
            ThingDataType type = (ThingDataType)model._type[node];
            if (type != ThingDataType.Float && type != ThingDataType.Double) return ErrorCode.TypeMismatch;
            if (double.IsNaN(value) || double.IsInfinity(value)) return ErrorCode.NotFinite;
            if (type == ThingDataType.Float && (value > float.MaxValue || value < -float.MaxValue)) return ErrorCode.ValueOutOfRange;
            return InRange(model, node, value) ? ErrorCode.Ok : ErrorCode.ValueOutOfRange;
        }

        /// <summary>A string of <paramref name="byteCount"/> UTF-8 bytes for a text node.</summary>
        internal static int CheckText(ThingModel model, int node, int byteCount)
        {
            if ((ThingDataType)model._type[node] != ThingDataType.Text) return ErrorCode.TypeMismatch;
            return byteCount <= model._size[node] ? ErrorCode.Ok : ErrorCode.ValueOutOfRange;       // the loader gives every text a length
        }

        /// <summary>A boolean for a bool node.</summary>
        internal static int CheckBoolean(ThingModel model, int node)
        {
            return (ThingDataType)model._type[node] == ThingDataType.Bool ? ErrorCode.Ok : ErrorCode.TypeMismatch;
        }

        private static bool InRange(ThingModel model, int node, double value)
        {
            return value >= model._min[node] && value <= model._max[node];
        }
    }
}
