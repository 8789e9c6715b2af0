using System.Runtime.CompilerServices;

namespace LinkKit.Fuzz;

/// <summary>A broken promise found by an oracle: afl-fuzz records the input as a crash.</summary>
public sealed class FuzzFinding(string message) : Exception(message);

/// <summary>
/// The checks targets make beyond "no exception escapes". They run inside measured per-message calls too, so a passing
/// check allocates nothing: messages are interpolated strings formatted only when the check fails.
/// </summary>
public static class Oracle
{
    public static void That(bool condition, string message)
    {
        if (!condition) throw new FuzzFinding(message);
    }

    public static void That(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessage message)
    {
        if (!condition) throw new FuzzFinding(message.ToStringAndClear());
    }

    /// <summary>A range [start, end) a parser returned lies inside the input [offset, offset + count).</summary>
    public static void Inside(string what, int start, int end, int offset, int count)
    {
        That(start >= offset && end >= start && end <= offset + count, $"{what} [{start}, {end}) lies outside the input [{offset}, {offset + count})");
    }

    /// <summary>The allocation counter before a per-message call (made after a warm-up call on the same input).</summary>
    public static long Allocated() => GC.GetAllocatedBytesForCurrentThread();

    /// <summary>The per-message call since <paramref name="before"/> allocated nothing.</summary>
    public static void NoAllocation(string what, long before)
    {
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        That(bytes == 0, $"{what} allocated {bytes} bytes on a per-message path");
    }
}

/// <summary>An oracle's message, formatted only when its condition is false.</summary>
[InterpolatedStringHandler]
public ref struct FailureMessage
{
    private DefaultInterpolatedStringHandler _text;

    public FailureMessage(int literalLength, int formattedCount, bool condition, out bool format)
    {
        format = !condition;
        _text = format ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}

/// <summary>
/// How targets hand an input to a buffer-and-range parser: behind a few bytes of JSON-looking padding and ending at the
/// array's end, so a read past the input throws and a range is checked against a non-zero offset.
/// </summary>
public static class Input
{
    public const int Offset = 3;

    public static byte[] Framed(byte[] data)
    {
        byte[] buffer = new byte[Offset + data.Length];
        buffer[0] = (byte)'{';
        buffer[1] = (byte)'"';
        buffer[2] = (byte)'[';
        Array.Copy(data, 0, buffer, Offset, data.Length);
        return buffer;
    }

    /// <summary>The input as text, decoded the way the emulator's network stacks decode it (bad bytes become U+FFFD).</summary>
    public static string Text(ReadOnlySpan<byte> data) => System.Text.Encoding.UTF8.GetString(data);
}
