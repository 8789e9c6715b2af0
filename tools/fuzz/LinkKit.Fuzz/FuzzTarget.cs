namespace LinkKit.Fuzz;

/// <summary>
/// One fuzz target: a parser that reads bytes from outside, fed one input per call, with the oracles that say what
/// the parser promised. A bug is any exception that escapes <see cref="Run"/>: a <see cref="FuzzFinding"/> from an
/// oracle, or whatever the parser threw that is not its documented contract.
/// </summary>
public abstract class FuzzTarget : IDisposable
{
    /// <summary>Runs the parser on one input; returns normally unless the input found a bug.</summary>
    public abstract void Run(byte[] data);

    /// <summary>Stops what the target started (a client's connection thread keeps the process alive).</summary>
    public virtual void Dispose()
    {
    }
}

/// <summary>A target's name on the command line (and its corpus folder's), what it fuzzes, and how to make it.</summary>
/// <remarks>
/// Made only when fuzzing starts: under afl-fuzz the instrumented code may run only after SharpFuzz has mapped the
/// coverage memory, so nothing instrumented runs while a target is looked up.
/// </remarks>
public sealed record FuzzTargetInfo(string Name, string Description, Func<FuzzTarget> Create);

/// <summary>Every target, in the order run-fuzz.sh runs them.</summary>
public static class FuzzTargets
{
    public static readonly FuzzTargetInfo[] All =
    [
        new("topic", "ThingTopics.Classify of a downlink topic (per message: no allocation)", () => new TopicTarget()),
        new("envelope", "AlinkEnvelope.Read as a reply and as a request (per message: no allocation)", () => new EnvelopeTarget()),
        new("reply", "ThingReply.Parse and a handler's reads (per message: no allocation)", () => new ReplyTarget()),
        new("downlink", "a connected client's thing downlinks: property set, service calls, replies, shadow, RRPC (per message: no allocation)",
            () => new DownlinkTarget()),
        new("shadow", "ShadowDocument.Parse, ShadowCache.Update and the lent readers (per message: no allocation)", () => new ShadowTarget()),
        new("tsl", "ThingModel.TryLoad of a TSL document and a walk of the model it gives", () => new TslTarget()),
        new("http", "HttpResponseFraming.Frame of an HTTP/1.x response (registration; setup time)", () => new HttpFramingTarget()),
        new("registration", "RegistrationReplyParser: HTTPS response, /ext/register and /ext/regnwl payloads (setup time)",
            () => new RegistrationTarget()),
        new("secret", "SecretRecordFormat.Validate and Decode of a secret-store slot (boot time)", () => new SecretRecordTarget()),
        new("otaoffer", "OtaJobReader of an upgrade or configuration offer, and the job it gives", () => new OtaOfferTarget()),
        new("otahead", "HttpHead.Parse of a firmware server's response head (per chunk: no allocation)", () => new HttpHeadTarget()),
        new("connect", "emulator ConnectCredentials.Parse of a CONNECT clientId and username", () => new ConnectCredentialsTarget()),
        new("controlapi", "emulator control API: request body to typed parameters, Tsl to a thing model", () => new ControlApiTarget()),
    ];

    public static FuzzTargetInfo? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
