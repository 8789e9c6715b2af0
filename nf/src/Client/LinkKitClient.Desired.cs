using System;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.DesiredPropertiesGetReplied"/>.</summary>
    /// <param name="sender">The client.</param>
    /// <param name="reply">The reply (request id, code, message) or its timeout, lent: valid only during the call.</param>
    /// <param name="properties">The desired values in the reply's data, lent: valid only during the call; empty for a
    /// refusal or a timeout.</param>
    public delegate void DesiredPropertiesHandler(LinkKitClient sender, ThingReply reply, DesiredProperties properties);

    public sealed partial class LinkKitClient
    {
        /// <summary>
        /// The cloud answered <see cref="GetDesiredProperties"/>, or the query timed out. Runs on the transport thread
        /// (replies) or the timer thread (timeouts).
        /// </summary>
        public event DesiredPropertiesHandler DesiredPropertiesGetReplied;

        /// <summary>The cloud answered <see cref="DeleteDesiredProperties"/>, or the deletion timed out.</summary>
        public event ThingReplyHandler DesiredPropertiesDeleteReplied;

        /// <summary>
        /// Asks the cloud for the desired values of properties (<c>…/thing/property/desired/get</c>, QoS 0):
        /// <c>{"id":"…","version":"1.0","params":["power","temp"],"method":"thing.property.desired.get"}</c>. The answer
        /// arrives in <see cref="DesiredPropertiesGetReplied"/>, matched by id, or as a timeout after
        /// <see cref="LinkKitOptions.RequestTimeoutMilliseconds"/>.
        /// </summary>
        /// <param name="identifiers">1 to <see cref="DesiredProperties.MaxIdentifiers"/> property identifiers; with a
        /// thing model each must be a declared property.</param>
        /// <param name="requestId">The request's Alink id; 0 unless Ok.</param>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.PropertyNotDeclared"/> (nothing sent);
        /// <see cref="ErrorCode.BufferTooSmall"/>; <see cref="ErrorCode.RequestTableFull"/>; a Publish result.</returns>
        /// <exception cref="ArgumentNullException">The array or an identifier is null.</exception>
        /// <exception cref="ArgumentException">The array is empty or longer than 200.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called, or this thread is building a message.</exception>
        public int GetDesiredProperties(string[] identifiers, out long requestId)
        {
            return Thing("GetDesiredProperties").Requests.SendDesired(false, identifiers, null, out requestId);
        }

        /// <summary>
        /// Deletes the desired values of properties (<c>…/thing/property/desired/delete</c>, QoS 0), e.g. once applied:
        /// <c>{"id":"…","version":"1.0","params":{"power":{"version":3},"temp":{}},"method":"thing.property.desired.delete"}</c>.
        /// A version makes the cloud delete only that version of the value. The answer arrives in
        /// <see cref="DesiredPropertiesDeleteReplied"/>.
        /// </summary>
        /// <param name="identifiers">1 to 200 property identifiers (checked against the thing model as in <see cref="GetDesiredProperties"/>).</param>
        /// <param name="versions">Null, or one expected version per identifier: a negative entry sends none for it.</param>
        /// <param name="requestId">The request's Alink id; 0 unless Ok.</param>
        /// <returns>As <see cref="GetDesiredProperties"/>.</returns>
        /// <exception cref="ArgumentException">As <see cref="GetDesiredProperties"/>, or <paramref name="versions"/> has another length.</exception>
        public int DeleteDesiredProperties(string[] identifiers, long[] versions, out long requestId)
        {
            return Thing("DeleteDesiredProperties").Requests.SendDesired(true, identifiers, versions, out requestId);
        }

        /// <summary>A desired-properties get reply or timeout (from <see cref="RaiseThingReply"/>), with the values lent.</summary>
        private void RaiseDesiredGetReply(ThingReply reply)
        {
            DesiredPropertiesHandler handler = DesiredPropertiesGetReplied;
            ThingLayer thing = _thing;
            if (handler == null || thing == null) return;
            DesiredProperties properties = thing.Requests.LendDesired(reply);
            try
            {
                handler(this, reply, properties);
            }
            catch (Exception)
            {
                HandlerThrew();
            }

            thing.Requests.ReturnDesired(properties);
        }
    }
}
