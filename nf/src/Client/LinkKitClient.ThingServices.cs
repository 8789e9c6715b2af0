using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// Handles <see cref="LinkKitClient.PropertySet"/> (Python's <c>on_thing_prop_changed(params)</c>): read the
    /// values in place and choose the reply code; the SDK replies after the handler returns.
    /// </summary>
    /// <param name="sender">The client.</param>
    /// <param name="requestId">The set's Alink id.</param>
    /// <param name="parameters">A reader standing on the params object's StartObject, lent: valid only during the call.</param>
    /// <param name="replyCode">The code to reply with: 200 unless the handler changes it (e.g. 460 for a value it cannot apply).</param>
    public delegate void PropertySetHandler(LinkKitClient sender, long requestId, JsonReader parameters, ref int replyCode);

    /// <summary>Handles <see cref="LinkKitClient.ServiceCalled"/> (Python's <c>on_thing_call_service</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="call">The call, lent: valid only during the handler call.</param>
    public delegate void ServiceCalledHandler(LinkKitClient sender, ServiceCall call);

    public sealed partial class LinkKitClient
    {
        /// <summary>The default reply code: success.</summary>
        public const int ReplySuccess = 200;

        /// <summary>The reply code for params the device refuses ("request parameter error").</summary>
        public const int ReplyInvalidParams = 460;

        /// <summary>The reply code when the device failed internally (a handler threw).</summary>
        public const int ReplyDeviceError = 400;

        /// <summary>
        /// The reply code for a service call that arrived while no <see cref="ServiceCalled"/> handler was attached: a
        /// device-defined code (the platform accepts 100000–110000), answered at once so a synchronous caller learns it
        /// now instead of waiting for its timeout.
        /// </summary>
        public const int ReplyServiceNotHandled = 100000;

        /// <summary>
        /// The cloud sets properties (<c>…/thing/service/property/set</c>). With a thing model the params are checked
        /// first: an undeclared property or a value breaking its specs is answered 460 without calling the handler.
        /// The reply (<c>{"id":"…","code":200,"data":{}}</c>, QoS 1) is sent after the handler returns, with the code it
        /// chose; 400 if it threw; 200 when no handler is attached (as Python).
        /// </summary>
        public event PropertySetHandler PropertySet;

        /// <summary>
        /// The cloud calls a service, asynchronously (<c>…/thing/service/{id}</c>) or synchronously (through
        /// <c>/ext/rrpc/…</c>). With a thing model the service must be declared (else the message goes to
        /// <see cref="MessageReceived"/>) and its params are checked (bad params are answered 460 without calling the
        /// handler). Answer with AnswerService or BeginServiceAnswer/EndServiceAnswer.
        /// </summary>
        public event ServiceCalledHandler ServiceCalled;

        /// <summary>
        /// Starts the answer to a service call (Python's <c>thing_answer_service(identifier, request_id, code, data)</c>):
        /// write its output data, then call <see cref="EndServiceAnswer"/>. A synchronous call still awaiting its answer
        /// is answered on its RRPC topic, any other on <c>…/thing/service/{identifier}_reply</c>. With a model, the data
        /// is checked against the service's outputs, and an undeclared service makes the End call return
        /// <see cref="ErrorCode.ServiceNotDeclared"/>. The writer is lent as for <see cref="BeginPropertyPost"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginServiceAnswer(string identifier, long requestId, int code)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            return Thing("BeginServiceAnswer").Answers.BeginServiceAnswer(identifier, requestId, code);
        }

        /// <summary>Starts the answer to <paramref name="call"/> (inside its handler): as <see cref="BeginServiceAnswer(string, long, int)"/>, without allocating.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
        public ThingWriter BeginServiceAnswer(ServiceCall call, int code)
        {
            if (call == null) throw new ArgumentNullException("call");
            return Thing("BeginServiceAnswer").Answers.BeginServiceAnswer(call, code);
        }

        /// <summary>Sends the answer begun by BeginServiceAnswer (QoS 0).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; the writer's first error; <see cref="ErrorCode.TopicTooLong"/>; a Publish result.</returns>
        /// <exception cref="InvalidOperationException">No answer was begun on this thread.</exception>
        public int EndServiceAnswer()
        {
            return Thing("EndServiceAnswer").Answers.EndServiceAnswer();
        }

        /// <summary>Answers a service call with <paramref name="code"/> and empty data <c>{}</c>. Results as <see cref="EndServiceAnswer"/>.</summary>
        public int AnswerService(string identifier, long requestId, int code)
        {
            BeginServiceAnswer(identifier, requestId, code);
            return EndServiceAnswer();
        }

        /// <summary>Answers <paramref name="call"/> (inside its handler) with <paramref name="code"/> and empty data. Results as <see cref="EndServiceAnswer"/>.</summary>
        public int AnswerService(ServiceCall call, int code)
        {
            BeginServiceAnswer(call, code);
            return EndServiceAnswer();
        }

        /// <summary>Abandons the service answer this thread began (nothing is sent; a synchronous call stays unanswered).</summary>
        public void CancelServiceAnswer()
        {
            ThingLayer thing = _thing;
            if (thing != null) thing.Answers.Cancel();
        }

        /// <summary>Raises PropertySet; the handler may change <paramref name="replyCode"/> (400 when it throws).</summary>
        internal void RaisePropertySet(long requestId, JsonReader parameters, ref int replyCode)
        {
            PropertySetHandler handler = PropertySet;
            if (handler == null) return;
            try
            {
                handler(this, requestId, parameters, ref replyCode);
            }
            catch (Exception)
            {
                HandlerThrew();
                replyCode = ReplyDeviceError;
            }
        }

        /// <summary>Raises ServiceCalled; false when no handler is attached.</summary>
        internal bool RaiseServiceCalled(ServiceCall call)
        {
            ServiceCalledHandler handler = ServiceCalled;
            if (handler == null) return false;
            try
            {
                handler(this, call);
            }
            catch (Exception)
            {
                HandlerThrew();
            }

            return true;
        }
    }
}
