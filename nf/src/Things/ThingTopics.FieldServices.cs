using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The field-service topics (docs/protocol.md, Field services): desired properties, the device log and its
    /// switch, the bootstrap notice and broadcasts. Written and classified like the other thing topics.
    /// </summary>
    internal sealed partial class ThingTopics
    {
        /// <summary>How many filters <see cref="WithFieldServiceFilters"/> adds.</summary>
        public const int FieldServiceFilterCount = 6;

        private static readonly byte[] s_desiredGet = Utf8.ToArray("thing/property/desired/get");
        private static readonly byte[] s_desiredGetReply = Utf8.ToArray("thing/property/desired/get_reply");
        private static readonly byte[] s_desiredDelete = Utf8.ToArray("thing/property/desired/delete");
        private static readonly byte[] s_desiredDeleteReply = Utf8.ToArray("thing/property/desired/delete_reply");
        private static readonly byte[] s_logPost = Utf8.ToArray("thing/log/post");
        private static readonly byte[] s_logPostReply = Utf8.ToArray("thing/log/post_reply");
        private static readonly byte[] s_logSwitchGet = Utf8.ToArray("thing/config/log/get");
        private static readonly byte[] s_logSwitchGetReply = Utf8.ToArray("thing/config/log/get_reply");
        private static readonly byte[] s_logSwitchPush = Utf8.ToArray("thing/config/log/push");
        private static readonly byte[] s_bootstrapNotify = Utf8.ToArray("thing/bootstrap/notify");
        private static readonly byte[] s_bootstrapNotifyReply = Utf8.ToArray("thing/bootstrap/notify_reply");
        private static readonly byte[] s_broadcastRequest = Utf8.ToArray("broadcast/request/");

        /// <summary><c>/sys/{pk}/{dn}/thing/property/desired/get</c>.</summary>
        public int WriteDesiredGetTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_desiredGet, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/property/desired/delete</c>.</summary>
        public int WriteDesiredDeleteTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_desiredDelete, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/log/post</c>.</summary>
        public int WriteLogPostTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_logPost, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/config/log/get</c>.</summary>
        public int WriteLogSwitchGetTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_logSwitchGet, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/bootstrap/notify_reply</c>.</summary>
        public int WriteBootstrapNotifyReplyTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_bootstrapNotifyReply, buffer, offset, count);
        }

        /// <summary>
        /// <paramref name="filters"/> followed by the field-service downlinks a plain broker needs (the Aliyun broker
        /// delivers them unasked, broadcasts included): the desired replies, the log switch's reply and push, the
        /// bootstrap notice and <c>broadcast/request/+</c>.
        /// </summary>
        /// <remarks>Allocates: call once, at setup.</remarks>
        public string[] WithFieldServiceFilters(string[] filters)
        {
            string[] all = new string[filters.Length + FieldServiceFilterCount];
            Array.Copy(filters, all, filters.Length);
            int n = filters.Length;
            all[n++] = _sysText + "thing/property/desired/get_reply";
            all[n++] = _sysText + "thing/property/desired/delete_reply";
            all[n++] = _sysText + "thing/config/log/get_reply";
            all[n++] = _sysText + "thing/config/log/push";
            all[n++] = _sysText + "thing/bootstrap/notify";
            all[n] = _sysText + "broadcast/request/+";
            return all;
        }

        /// <summary>
        /// What follows "/sys/{pk}/{dn}/" among the field-service topics, or <see cref="AlinkKind.None"/>. A broadcast's
        /// <paramref name="messageId"/> is its last level when that is a decimal number, else -1.
        /// </summary>
        private static AlinkKind ClassifyFieldServices(byte[] t, int p, int n, out long messageId)
        {
            messageId = -1;
            if (Equal(t, p, n, s_desiredGetReply)) return AlinkKind.DesiredGet;
            if (Equal(t, p, n, s_desiredDeleteReply)) return AlinkKind.DesiredDelete;
            if (Equal(t, p, n, s_logSwitchGetReply)) return AlinkKind.LogSwitch;
            if (Equal(t, p, n, s_logSwitchPush)) return AlinkKind.LogSwitchPush;
            if (Equal(t, p, n, s_bootstrapNotify)) return AlinkKind.BootstrapNotify;
            if (Equal(t, p, n, s_logPostReply)) return AlinkKind.LogPost;
            if (Equal(t, p, n, s_desiredGet) || Equal(t, p, n, s_desiredDelete) || Equal(t, p, n, s_logPost)
                || Equal(t, p, n, s_logSwitchGet) || Equal(t, p, n, s_bootstrapNotifyReply))
            {
                return AlinkKind.Uplink;
            }

            if (StartsWith(t, p, n, s_broadcastRequest, 0, s_broadcastRequest.Length))
            {
                int id = p + s_broadcastRequest.Length;
                int end = p + n;
                if (!IsSegment(t, id, end)) return AlinkKind.None;
                if (!ParseMessageId(t, id, end - id, out messageId)) messageId = -1;
                return AlinkKind.Broadcast;
            }

            return AlinkKind.None;
        }
    }
}
