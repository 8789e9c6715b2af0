using LinkKit.Nano;
using LinkKit.Nano.Things;

namespace LinkKit.Fuzz;

/// <summary>
/// <c>ThingModel.TryLoad</c> of a TSL document (setup time: allocation is fine). A refusal says why and where; a loaded
/// model is one the SDK can walk: every list ends, every node index is in range, every identifier finds its node, and
/// the topics and validator built from it work.
/// </summary>
public sealed class TslTarget : FuzzTarget
{
    private readonly ThingParamsValidator _validator = new();
    private readonly ThingTopics _topics = new("pk", "dn");
    private readonly LinkKit.Nano.Json.JsonReader _reader = new();
    private static readonly byte[] s_params = System.Text.Encoding.UTF8.GetBytes("{\"a\":1,\"b\":[1,2],\"c\":{\"d\":\"e\"}}");

    public override void Run(byte[] data)
    {
        byte[] tsl = Input.Framed(data);
        int rc = ThingModel.TryLoad(tsl, Input.Offset, data.Length, out ThingModel model, out string error);
        if (rc != ErrorCode.Ok)
        {
            Oracle.That(rc == ErrorCode.InvalidThingModel && model == null, $"TryLoad returned {rc}");
            Oracle.That(error != null && error.StartsWith("TSL byte ", StringComparison.Ordinal), $"a refusal without a reason: {error}");
            return;
        }

        Oracle.That(model != null && error == null, "success without a model, or with an error");
        int visits = 0;
        Walk(model!, model!.FirstProperty, 0, ref visits);
        Oracle.That(CountList(model, model.FirstProperty) == model.PropertyCount, "PropertyCount does not match the property list");
        for (int e = 0; e < model.EventCount; e++)
        {
            Walk(model, model.GetEventFirstOutput(e), 0, ref visits);
            Oracle.That(model.FindEvent(model.GetEventIdentifier(e)) == e, $"event {e} is not found by its identifier");
        }

        for (int s = 0; s < model.ServiceCount; s++)
        {
            Walk(model, model.GetServiceFirstInput(s), 0, ref visits);
            Walk(model, model.GetServiceFirstOutput(s), 0, ref visits);
            Oracle.That(model.FindService(model.GetServiceIdentifier(s)) == s, $"service {s} is not found by its identifier");
        }

        _topics.GetDownlinkFilters(model);
        _reader.Reset(s_params, 0, s_params.Length);
        _reader.Read();
        _validator.Validate(_reader, model, model.FirstProperty);
    }

    /// <summary>Walks a node list and everything below it; each node is visited at most once overall (no cycles, no sharing).</summary>
    private static void Walk(ThingModel m, int first, int depth, ref int visits)
    {
        Oracle.That(depth <= ThingModel.MaxDataNesting + 1, "data types nested deeper than MaxDataNesting");
        for (int n = first; n >= 0; n = m.GetNextSibling(n))
        {
            Oracle.That(n < m.NodeCount, $"node index {n} beyond NodeCount {m.NodeCount}");
            Oracle.That(++visits <= m.NodeCount, "the model's lists visit more nodes than it holds (a cycle or a shared node)");
            ThingDataType type = m.GetDataType(n);
            Oracle.That(type >= ThingDataType.Int && type <= ThingDataType.Array, $"node {n} has type {type}");
            if (type is ThingDataType.Int or ThingDataType.Float or ThingDataType.Double)
            {
                Oracle.That(!(m.GetMin(n) > m.GetMax(n)), $"node {n} has min above max");
            }

            for (int i = 0; i < m.GetEnumValueCount(n); i++) m.GetEnumValue(n, i);
            if (type == ThingDataType.Struct) Walk(m, m.GetFirstMember(n), depth + 1, ref visits);
            if (type == ThingDataType.Array)
            {
                int item = m.GetArrayItem(n);
                Oracle.That(item >= 0 && item < m.NodeCount, $"array node {n} has item {item}");
                Oracle.That(m.GetNextSibling(item) == -1, "an array item has a sibling");
                Walk(m, item, depth + 1, ref visits);
            }

            string id = m.GetIdentifier(n);
            if (id.Length > 0) Oracle.That(m.IdentifierEquals(m.FindMember(first, id), id), $"node {n} is not found by its identifier");
        }
    }

    private static int CountList(ThingModel m, int first)
    {
        int count = 0;
        for (int n = first; n >= 0 && count <= m.NodeCount; n = m.GetNextSibling(n)) count++;
        return count;
    }
}
