namespace LinkKit.Emulator.Alink;

/// <summary>
/// Reply codes the emulator sends (docs/protocol.md, Platform codes and behaviour). Which code answers which check is partly inference
/// (docs/protocol.md, TSL checks); the mapping lives here only.
/// </summary>
public static class AlinkCodes
{
    public const int Success = 200;
    /// <summary>Request parameter problem: empty data, wrong format, too many parameters.</summary>
    public const int RequestParameterError = 460;
    public const int TooManyRequests = 429;
    public const int ServerError = 500;
    public const int DeviceNotFound = 6100;
    /// <summary>A desired-property get or delete names more than 200 properties.</summary>
    public const int DesiredListTooLong = 6104;
    /// <summary>The device named is not a sub-device of the one asking (no topological relation).</summary>
    public const int TopoRelationNotExist = 6401;
    /// <summary>Topic could not be parsed / is not served.</summary>
    public const int TopicNotExist = 6203;
    public const int ProductNotFound = 6250;
    /// <summary>Payload is not JSON (or not a JSON object).</summary>
    public const int DataFormatError = 6207;
    public const int MethodNotExist = 6300;
    public const int ParamsFormatError = 6301;
    public const int ParamsValueEmpty = 6302;
    public const int ParamsNotExist = 6304;
    public const int ParamsTypeError = 6305;
    public const int IntSpecsError = 6306;
    public const int FloatSpecsError = 6307;
    public const int BoolSpecsError = 6308;
    public const int EnumSpecsError = 6309;
    public const int StringSpecsError = 6310;
    public const int DateSpecsError = 6311;
    public const int StructSpecsError = 6312;
    public const int DataNotSatisfyDsl = 6315;
    public const int DoubleSpecsError = 6322;

    // Dynamic registration refusals (docs/protocol.md, Dynamic registration).
    public const int DynamicRegistrationDisabled = 6288;
    public const int DeviceAlreadyActivated = 6289;
    public const int SignMethodNotSupported = 6292;
    public const int SignatureCheckFailed = 6600;
}

/// <summary>A refused check: the reply code and a readable message.</summary>
public sealed record AlinkError(int Code, string Message);
