using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.DeviceLogSwitchReceived"/>: the cloud's device-log switch, on or off.</summary>
    public delegate void DeviceLogSwitchHandler(LinkKitClient sender, bool on);

    /// <summary>The device log's level names (<c>logLevel</c> on the wire).</summary>
    public static class DeviceLogLevels
    {
        /// <summary>"DEBUG", "INFO", "WARN", "ERROR" or "FATAL" (for <see cref="LogLevel.Critical"/>).</summary>
        public static string GetName(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "DEBUG";
                case LogLevel.Info: return "INFO";
                case LogLevel.Warning: return "WARN";
                case LogLevel.Error: return "ERROR";
                default: return "FATAL";
            }
        }
    }

    public sealed partial class LinkKitClient
    {
        /// <summary>
        /// The cloud told the device whether to upload its log (the console's "device local log report" switch): the
        /// answer to the query <see cref="EnableDeviceLog"/> sends on every connect, and every push of the switch. Runs
        /// on the transport thread.
        /// </summary>
        public event DeviceLogSwitchHandler DeviceLogSwitchReceived;

        /// <summary>True while the cloud's device-log switch is on, as last heard (off until the cloud says otherwise; kept across reconnects).</summary>
        public bool IsDeviceLogOn
        {
            get { return _thing != null && _thing.Requests.IsLogOn; }
        }

        /// <summary>Device log posts refused with <see cref="ErrorCode.DeviceLogOff"/> because the switch was off.</summary>
        public int DeviceLogRefusedCount
        {
            get { return _thing != null ? _thing.Requests.LogRefusedCount : 0; }
        }

        /// <summary>
        /// Follows the cloud's device-log switch: asks <c>…/thing/config/log/get</c> with
        /// <c>{"configScope":"device","getType":"content"}</c> now when connected, and after every connect; the answer
        /// and the cloud's pushes set <see cref="IsDeviceLogOn"/>. Call once, before or after connecting.
        /// </summary>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public void EnableDeviceLog()
        {
            Thing("EnableDeviceLog").Requests.FollowLogSwitch();
        }

        /// <summary>
        /// Posts one entry to the device log (<c>…/thing/log/post</c>, QoS 0, no reply):
        /// <c>{"utcTime":"2026-12-06T05:30:00.123Z","logLevel":"INFO","module":…,"code":…,"traceContext":…,"logContent":…}</c>
        /// in a one-element params array. The time is the client's clock (<see cref="LinkKitOptions.Clock"/>) in UTC, to
        /// the millisecond (<see cref="IClock.UnixTimeMilliseconds"/>).
        /// </summary>
        /// <param name="level">FATAL (<see cref="LogLevel.Critical"/>), ERROR, WARN, INFO or DEBUG.</param>
        /// <param name="module">The part of the firmware the entry is about; null for "".</param>
        /// <param name="code">A code of the application's choice; null for "".</param>
        /// <param name="traceContext">A trace or correlation id; null for "".</param>
        /// <param name="content">The log text.</param>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.DeviceLogOff"/> (the cloud's switch is off or not
        /// known yet: nothing sent, counted in <see cref="DeviceLogRefusedCount"/>); <see cref="ErrorCode.BufferTooSmall"/>;
        /// <see cref="ErrorCode.Malformed"/> (a lone surrogate); <see cref="ErrorCode.NotConnected"/> or another Publish result.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called, or this thread is building a message.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed (while the switch is on).</exception>
        public int PostLog(LogLevel level, string module, string code, string traceContext, string content)
        {
            if (content == null) throw new ArgumentNullException("content");
            return Thing("PostLog").Requests.PostLog(level, module, code, traceContext, content, null, 0, 0);
        }

        /// <summary>As <see cref="PostLog(LogLevel, string, string, string, string)"/>, the content given as UTF-8 bytes (e.g. built in an app buffer).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="content"/>.</exception>
        public int PostLog(LogLevel level, string module, string code, string traceContext, byte[] content, int offset, int count)
        {
            BufferArgs.Check(content, offset, count, "content");
            return Thing("PostLog").Requests.PostLog(level, module, code, traceContext, null, content, offset, count);
        }

        internal void RaiseDeviceLogSwitch(bool on)
        {
            DeviceLogSwitchHandler handler = DeviceLogSwitchReceived;
            if (handler == null) return;
            try
            {
                handler(this, on);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }
    }
}
