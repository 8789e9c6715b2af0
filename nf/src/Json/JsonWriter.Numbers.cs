using LinkKit.Nano.Text;

namespace LinkKit.Nano.Json
{
    public sealed partial class JsonWriter
    {
        /// <summary>Writes an integer, e.g. <c>-40</c>.</summary>
        public void WriteNumber(int value)
        {
            int at = StartValue();
            if (at >= 0 && Fits(at))
            {
                EndNumber(at, NumberFormatter.WriteInt32(value, _buffer, at, _end - at));
            }
        }

        /// <summary>Writes an integer, e.g. <c>1700000000000</c>.</summary>
        public void WriteNumber(long value)
        {
            int at = StartValue();
            if (at >= 0 && Fits(at))
            {
                EndNumber(at, NumberFormatter.WriteInt64(value, _buffer, at, _end - at));
            }
        }

        /// <summary>Writes an integer. (Without this overload a ulong argument would bind to float and lose digits.)</summary>
        public void WriteNumber(ulong value)
        {
            int at = StartValue();
            if (at >= 0 && Fits(at))
            {
                EndNumber(at, NumberFormatter.WriteUInt64(value, _buffer, at, _end - at));
            }
        }

        /// <summary>Writes the shortest round-trip form, always with a point or exponent: 12 → <c>12.0</c>, 23.5 → <c>23.5</c>.</summary>
        /// <remarks>Format: <see cref="NumberFormatter.WriteDouble"/>. NaN and the infinities fail with <see cref="ErrorCode.NotFinite"/>.</remarks>
        public void WriteNumber(double value)
        {
            int at = StartValue();
            if (at >= 0 && Fits(at))
            {
                EndNumber(at, NumberFormatter.WriteDouble(value, _buffer, at, _end - at));
            }
        }

        /// <summary>Writes the shortest form that reads back as the same float: 3.3f → <c>3.3</c>, 12f → <c>12.0</c>.</summary>
        /// <remarks>Format: <see cref="NumberFormatter.WriteSingle"/>. NaN and the infinities fail with <see cref="ErrorCode.NotFinite"/>.</remarks>
        public void WriteNumber(float value)
        {
            int at = StartValue();
            if (at >= 0 && Fits(at))
            {
                EndNumber(at, NumberFormatter.WriteSingle(value, _buffer, at, _end - at));
            }
        }

        /// <summary>Writes <c>"name":value</c>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WriteNumber(string name, int value)
        {
            WritePropertyName(name);
            WriteNumber(value);
        }

        /// <summary>Writes <c>"name":value</c>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WriteNumber(string name, long value)
        {
            WritePropertyName(name);
            WriteNumber(value);
        }

        /// <summary>Writes <c>"name":value</c>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WriteNumber(string name, ulong value)
        {
            WritePropertyName(name);
            WriteNumber(value);
        }

        /// <summary>Writes <c>"name":value</c> as <see cref="WriteNumber(double)"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WriteNumber(string name, double value)
        {
            WritePropertyName(name);
            WriteNumber(value);
        }

        /// <summary>Writes <c>"name":value</c> as <see cref="WriteNumber(float)"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WriteNumber(string name, float value)
        {
            WritePropertyName(name);
            WriteNumber(value);
        }

        /// <summary>
        /// Completes a number the formatter wrote at <paramref name="at"/> (it counts first and writes nothing that
        /// does not fit): stores the reserved comma, or records the formatter's error.
        /// </summary>
        private void EndNumber(int at, int written)
        {
            if (written < 0)
            {
                Fail(written);
                return;
            }

            Commit(at);
            EndValue(at + written);
        }
    }
}
