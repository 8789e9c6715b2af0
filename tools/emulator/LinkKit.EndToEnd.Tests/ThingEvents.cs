using System.Collections.Concurrent;
using System.Text;
using LinkKit.Nano;
using LinkKit.Nano.Json;

namespace LinkKit.EndToEnd.Tests;

/// <summary>A reply the client raised (to a post or tags request, or its timeout), copied out of the lent <see cref="ThingReply"/>.</summary>
public sealed record Reply(string? Identifier, long RequestId, int Code, string? Data, string? Message);

/// <summary>A shadow downlink, copied out of the lent <see cref="ShadowDocument"/>.</summary>
public sealed record Shadow(ShadowMethod Method, bool IsSuccess, long Version, long Timestamp, int ContentErrorCode, string? State, string? Metadata);

/// <summary>A service call, copied out of the lent <see cref="ServiceCall"/>.</summary>
public sealed record Call(string Identifier, long RequestId, bool IsSync, long RrpcMessageId, string Parameters);

/// <summary>An RRPC request, copied out of the lent <see cref="RrpcRequest"/>.</summary>
public sealed record Rrpc(long MessageId, bool IsSystem, string Topic, string Payload);

/// <summary>Thing-model events of a client, recorded; handlers the test sets decide the device's answers.</summary>
public sealed class ThingEvents
{
    public readonly BlockingCollection<Reply> PropertyPostReplies = new();
    public readonly BlockingCollection<Reply> EventPostReplies = new();
    public readonly BlockingCollection<Reply> TagsUpdateReplies = new();
    public readonly BlockingCollection<Reply> TagsRemoveReplies = new();
    public readonly BlockingCollection<string> RawArrived = new();
    public readonly BlockingCollection<string> RawReplied = new();
    public readonly BlockingCollection<Shadow> Shadows = new();
    public readonly BlockingCollection<(long RequestId, string Parameters)> PropertySets = new();
    public readonly BlockingCollection<Call> ServiceCalls = new();
    public readonly BlockingCollection<Rrpc> RrpcRequests = new();
    public readonly BlockingCollection<bool> Enabled = new();

    /// <summary>The code the device replies to a property set with (200 by default).</summary>
    public int PropertySetReplyCode = LinkKitClient.ReplySuccess;

    /// <summary>Answers service calls inside the handler (the SDK's lent call is valid only there); none by default.</summary>
    public Action<LinkKitClient, ServiceCall>? AnswerService;

    /// <summary>Answers RRPC requests inside the handler; none by default.</summary>
    public Action<LinkKitClient, RrpcRequest>? AnswerRrpc;

    public ThingEvents(LinkKitClient client)
    {
        client.ThingEnabled += _ => Enabled.Add(true);
        client.ThingDisabled += _ => Enabled.Add(false);
        client.PropertyPostReplied += (_, r) => PropertyPostReplies.Add(Copy(r, false));
        client.EventPostReplied += (_, r) => EventPostReplies.Add(Copy(r, true));
        client.TagsUpdateReplied += (_, r) => TagsUpdateReplies.Add(Copy(r, false));
        client.TagsRemoveReplied += (_, r) => TagsRemoveReplies.Add(Copy(r, false));
        client.RawDataArrived += (_, p, o, c) => RawArrived.Add(Convert.ToHexString(p, o, c));
        client.RawDataReplied += (_, p, o, c) => RawReplied.Add(Convert.ToHexString(p, o, c));
        client.ShadowReceived += (_, d) => Shadows.Add(new Shadow(d.Method, d.IsSuccess, d.HasVersion ? d.Version : -1, d.Timestamp, d.ContentErrorCode,
            d.HasState ? Json.Raw(d.State) : null, d.HasState ? Json.Raw(d.Metadata) : null));
        client.PropertySet += (LinkKitClient _, long id, JsonReader p, ref int code) =>
        {
            PropertySets.Add((id, Json.Raw(p)));
            code = PropertySetReplyCode;
        };
        client.ServiceCalled += (sender, call) =>
        {
            ServiceCalls.Add(new Call(call.GetIdentifier(), call.RequestId, call.IsSync, call.RrpcMessageId, Json.Raw(call.Parameters)));
            AnswerService?.Invoke(sender, call);
        };
        client.RrpcRequestReceived += (sender, request) =>
        {
            RrpcRequests.Add(new Rrpc(request.MessageId, request.IsSystem, request.GetTopic(),
                Encoding.UTF8.GetString(request.Payload, request.PayloadOffset, request.PayloadCount)));
            AnswerRrpc?.Invoke(sender, request);
        };
    }

    static Reply Copy(ThingReply r, bool named) =>
        new(named ? r.GetIdentifier() : null, r.RequestId, r.Code, r.HasData ? Json.Raw(r.Data) : null, r.HasMessage ? r.GetMessage() : null);
}

static class Json
{
    /// <summary>The raw JSON text of the value a lent reader stands on (a container up to its matching end).</summary>
    public static string Raw(JsonReader reader)
    {
        byte[] buffer = reader.Buffer;
        int start = reader.ValueOffset;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                Assert.True(reader.Skip(), "malformed JSON in a lent reader");
                return Encoding.UTF8.GetString(buffer, start, reader.ValueOffset + 1 - start);
            case JsonTokenType.String:
                return Encoding.UTF8.GetString(buffer, start - 1, reader.ValueLength + 2);
            default:
                return Encoding.UTF8.GetString(buffer, start, reader.ValueLength);
        }
    }
}
