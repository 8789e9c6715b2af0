using LinkKit.Emulator.ControlApi;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// The platform's TSL limits, enforced when a product's thing model is set through the control API, with the same
/// what-and-where messages the SDK's loader gives (without its byte offset).
/// </summary>
public sealed class TslLimitsTests : IAsyncLifetime
{
    TestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    const string StructMembers = "the platform's struct members are int, float, double, bool, enum, text or date";
    const string ArrayItems = "the platform's array items are int, float, double, text or struct";

    static string Property(string dataType) => """{"properties":[{"identifier":"p","dataType":""" + dataType + "}]}";

    static string IntList(string prefix, int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => "{\"identifier\":\"" + prefix + i + "\",\"dataType\":{\"type\":\"int\"}}")) + "]";

    static string EnumSpecs(int count) => "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{i}\":\"v\"")) + "}";

    static string Service(string data) => """{"services":[{"identifier":"s","callType":"async",""" + data + "}]}";

    static string Event(string outputs) => """{"events":[{"identifier":"e","outputData":""" + outputs + "}]}";

    static string ArrayOf(string item) => """{"type":"array","specs":{"size":"2","item":""" + item + "}}";

    static string StructOf(string members) => """{"type":"struct","specs":""" + members + "}";

    static string Member(string identifier, string dataType) => "[{\"identifier\":\"" + identifier + "\",\"dataType\":" + dataType + "}]";

    const string AllScalars = """
        [{"identifier":"i","dataType":{"type":"int"}},{"identifier":"f","dataType":{"type":"float"}},
         {"identifier":"d","dataType":{"type":"double"}},{"identifier":"b","dataType":{"type":"bool","specs":{"0":"off","1":"on"}}},
         {"identifier":"e","dataType":{"type":"enum","specs":{"1":"a"}}},{"identifier":"t","dataType":{"type":"text","specs":{"length":"4"}}},
         {"identifier":"ts","dataType":{"type":"date"}}]
        """;

    const string Int = """{"type":"int"}""";

    /// <summary>Per limit: a TSL at it (accepted), its neighbour just over it, and the refusal's message.</summary>
    public static TheoryData<string, string, string> Limits() => new()
    {
        { Property("""{"type":"text","specs":{"length":"1"}}"""), Property("""{"type":"text","specs":{"length":"0"}}"""),
            "property 'p' text length 0 is outside the platform's 1..10240" },
        { Property("""{"type":"text","specs":{"length":10240}}"""), Property("""{"type":"text","specs":{"length":"10241"}}"""),
            "property 'p' text length 10241 is outside the platform's 1..10240" },
        { Property("""{"type":"array","specs":{"size":"1","item":{"type":"int"}}}"""), Property("""{"type":"array","specs":{"size":"0","item":{"type":"int"}}}"""),
            "property 'p' array size 0 is outside the platform's 1..512" },
        { Property("""{"type":"array","specs":{"size":"512","item":{"type":"int"}}}"""), Property("""{"type":"array","specs":{"size":513,"item":{"type":"int"}}}"""),
            "property 'p' array size 513 is outside the platform's 1..512" },
        { Property(StructOf(IntList("m", 50))), Property(StructOf(IntList("m", 51))), "property 'p' struct has 51 members, the platform allows 50" },
        { Property("""{"type":"enum","specs":""" + EnumSpecs(100) + "}"), Property("""{"type":"enum","specs":""" + EnumSpecs(101) + "}"),
            "property 'p' enum has 101 values, the platform allows 100" },
        { Service("\"inputData\":" + IntList("i", 100)), Service("\"inputData\":" + IntList("i", 101)),
            "service 's' has 101 input parameters, the platform allows 100" },
        { Service("\"outputData\":" + IntList("o", 100)), Service("\"outputData\":" + IntList("o", 101)),
            "service 's' has 101 output parameters, the platform allows 100" },
        { Event(IntList("o", 100)), Event(IntList("o", 101)), "event 'e' has 101 output parameters, the platform allows 100" },
        // Nesting: an array may hold structs of scalars; a struct holds no struct or array; an array holds no array, bool, enum or date.
        { Property(StructOf(Member("inner", Int))), Property(StructOf(Member("inner", StructOf(IntList("x", 1))))),
            "property 'p.inner' is a struct inside a struct; " + StructMembers },
        { Property(StructOf(Member("list", """{"type":"text"}"""))), Property(StructOf(Member("list", ArrayOf(Int)))),
            "property 'p.list' is an array inside a struct; " + StructMembers },
        { Property(ArrayOf(StructOf(IntList("x", 1)))), Property(ArrayOf(ArrayOf(Int))), "property 'p[]' is an array inside an array; " + ArrayItems },
        { Property(ArrayOf(StructOf(Member("list", """{"type":"date"}""")))), Property(ArrayOf(StructOf(Member("list", ArrayOf(Int))))),
            "property 'p[].list' is an array inside a struct; " + StructMembers },
        { Property(ArrayOf(StructOf(AllScalars))), Property(ArrayOf(StructOf(Member("inner", StructOf(IntList("x", 1)))))),
            "property 'p[].inner' is a struct inside a struct; " + StructMembers },
        { Property(ArrayOf("""{"type":"float"}""")), Property(ArrayOf("""{"type":"bool","specs":{"0":"off","1":"on"}}""")),
            "property 'p[]' is a bool inside an array; " + ArrayItems },
        { Property(ArrayOf("""{"type":"double"}""")), Property(ArrayOf("""{"type":"enum","specs":{"0":"a"}}""")),
            "property 'p[]' is an enum inside an array; " + ArrayItems },
        { Property(ArrayOf("""{"type":"text"}""")), Property(ArrayOf("""{"type":"date"}""")), "property 'p[]' is a date inside an array; " + ArrayItems },
        { Service("\"inputData\":" + Member("pos", ArrayOf(StructOf(AllScalars)))),
            Service("\"inputData\":" + Member("pos", StructOf(Member("inner", StructOf(IntList("x", 1)))))),
            "service 's' input 'pos.inner' is a struct inside a struct; " + StructMembers },
        { Service("\"outputData\":" + Member("v", """{"type":"array","specs":{"size":"512","item":{"type":"float"}}}""")),
            Service("\"outputData\":" + Member("v", """{"type":"array","specs":{"size":"513","item":{"type":"float"}}}""")),
            "service 's' output 'v' array size 513 is outside the platform's 1..512" },
        { Event(Member("msg", """{"type":"text","specs":{"length":"1"}}""")), Event(Member("msg", """{"type":"text","specs":{"length":"0"}}""")),
            "event 'e' output 'msg' text length 0 is outside the platform's 1..10240" },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task CreateProduct_TslAtAPlatformLimitAccepted_JustOverRefusedWithWhatAndWhere(string atLimit, string overLimit, string message)
    {
        await _emulator.CallAsync("CreateProduct", new { ProductKey = "a1LimitOK01", ProductName = "at", Tsl = atLimit });
        Assert.NotNull(_emulator.Host.Store.GetProduct("a1LimitOK01")!.Tsl);

        ApiResponse response = await _emulator.TryCallAsync("CreateProduct", new { ProductKey = "a1LimitPK01", ProductName = "over", Tsl = overLimit });
        Assert.Equal(400, response.HttpStatus);
        Assert.Equal("InvalidParameter", response.Code);
        Assert.Equal(message, response.Body["ErrorMessage"]!.GetValue<string>());
        Assert.Equal("iot.prod.NotExistedProduct", (await _emulator.TryCallAsync("QueryProduct", new { ProductKey = "a1LimitPK01" })).Code);
    }

    [Fact]
    public async Task UpdateProduct_TslOverAPlatformLimit_Refused_ModelKept()
    {
        await _emulator.CallAsync("CreateProduct", new { ProductKey = "a1LimitPK01", ProductName = "limits", Tsl = Property(Int) });
        ApiResponse response = await _emulator.TryCallAsync("UpdateProduct", new { ProductKey = "a1LimitPK01", Tsl = Property(StructOf(IntList("m", 51))) });
        Assert.Equal("InvalidParameter", response.Code);
        Assert.Equal("property 'p' struct has 51 members, the platform allows 50", response.Body["ErrorMessage"]!.GetValue<string>());
        Assert.Equal("int", _emulator.Host.Store.GetProduct("a1LimitPK01")!.Tsl!.Properties["p"].DataType.Type);
    }

    [Fact]
    public async Task TextAndArrayWithoutLimits_GetThePlatformMaximum()
    {
        await _emulator.CallAsync("CreateProduct", new
        {
            ProductKey = "a1LimitPK01",
            ProductName = "limits",
            Tsl = """{"properties":[{"identifier":"t","dataType":{"type":"text"}},{"identifier":"a","dataType":{"type":"array","specs":{"item":{"type":"int"}}}}]}""",
        });
        var properties = _emulator.Host.Store.GetProduct("a1LimitPK01")!.Tsl!.Properties;
        Assert.Equal(10240, properties["t"].DataType.Length);
        Assert.Equal(512, properties["a"].DataType.ArraySize);
    }
}
