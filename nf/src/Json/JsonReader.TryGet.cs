using LinkKit.Nano.Text;

namespace LinkKit.Nano.Json
{
    public sealed partial class JsonReader
    {
        /// <summary>Reads the current Number token as an exact Int32 ("1.0" and "1e2" are exact integers too).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OutOfRange"/> for a fraction or a value that does not fit;
        /// <see cref="ErrorCode.WrongType"/> when the token is not a number (a numeric string included). <paramref name="value"/> is 0 unless Ok.</returns>
        public int TryGetInt32(out int value)
        {
            value = 0;
            if (_tokenType != JsonTokenType.Number) return ErrorCode.WrongType;
            return NumberParser.TryParseInt32(_buffer, _valueOffset, _valueLength, out value);
        }

        /// <summary>Reads the current Number token as an exact Int64.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OutOfRange"/> for a fraction or a value that does not fit;
        /// <see cref="ErrorCode.WrongType"/> when the token is not a number. <paramref name="value"/> is 0 unless Ok.</returns>
        public int TryGetInt64(out long value)
        {
            value = 0;
            if (_tokenType != JsonTokenType.Number) return ErrorCode.WrongType;
            return NumberParser.TryParseInt64(_buffer, _valueOffset, _valueLength, out value);
        }

        /// <summary>Reads the current Number token as the nearest double (correctly rounded).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OutOfRange"/> beyond ±double.MaxValue;
        /// <see cref="ErrorCode.WrongType"/> when the token is not a number. <paramref name="value"/> is 0 unless Ok.</returns>
        public int TryGetDouble(out double value)
        {
            value = 0;
            if (_tokenType != JsonTokenType.Number) return ErrorCode.WrongType;
            return NumberParser.TryParseDouble(_buffer, _valueOffset, _valueLength, out value);
        }

        /// <summary>Reads the current True or False token.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.WrongType"/> for any other token (the string "true" included).</returns>
        public int TryGetBoolean(out bool value)
        {
            value = _tokenType == JsonTokenType.True;
            if (value || _tokenType == JsonTokenType.False) return ErrorCode.Ok;
            return ErrorCode.WrongType;
        }

        /// <summary>
        /// Reads the current String token as an Int64 written with the JSON number grammar, as the Alink
        /// platform sends message ids ("id":"45"). The content must be exactly a number: no sign '+', spaces or escapes.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> when the string is not a number (or is escaped);
        /// <see cref="ErrorCode.OutOfRange"/> as for <see cref="TryGetInt64"/>; <see cref="ErrorCode.WrongType"/> when the token is not a string.</returns>
        public int TryGetInt64FromString(out long value)
        {
            value = 0;
            if (_tokenType != JsonTokenType.String) return ErrorCode.WrongType;
            if (_valueIsEscaped) return ErrorCode.Malformed;
            return NumberParser.TryParseInt64(_buffer, _valueOffset, _valueLength, out value);
        }

        /// <summary>The current token as an Int64, whether a JSON number or a decimal string (the platform writes
        /// times and sizes either way).</summary>
        /// <returns>As <see cref="TryGetInt64"/> or <see cref="TryGetInt64FromString"/>; <see cref="ErrorCode.WrongType"/>
        /// for any other token.</returns>
        public int TryGetInt64FromNumberOrString(out long value)
        {
            if (_tokenType == JsonTokenType.Number) return TryGetInt64(out value);
            return TryGetInt64FromString(out value);
        }

        /// <summary>As <see cref="TryGetInt64FromNumberOrString"/>, for an Int32 (codes written as 200 or "1000").</summary>
        /// <returns>As <see cref="TryGetInt64FromNumberOrString"/>; <see cref="ErrorCode.OutOfRange"/> outside Int32.</returns>
        public int TryGetInt32FromNumberOrString(out int value)
        {
            value = 0;
            long wide;
            int rc = TryGetInt64FromNumberOrString(out wide);
            if (rc != ErrorCode.Ok) return rc;
            if (wide < int.MinValue || wide > int.MaxValue) return ErrorCode.OutOfRange;
            value = (int)wide;
            return ErrorCode.Ok;
        }
    }
}
