namespace LinkKit.Nano.Json
{
    /// <summary>The kind of token a <see cref="JsonReader"/> stands on.</summary>
    public enum JsonTokenType
    {
        /// <summary>No token: before the first <see cref="JsonReader.Read"/>, at the end of the document, or after an error.</summary>
        None = 0,

        /// <summary>'{'.</summary>
        StartObject = 1,

        /// <summary>'}'.</summary>
        EndObject = 2,

        /// <summary>'['.</summary>
        StartArray = 3,

        /// <summary>']'.</summary>
        EndArray = 4,

        /// <summary>A member name (its ':' has been consumed); the next token is its value.</summary>
        PropertyName = 5,

        /// <summary>A string value.</summary>
        String = 6,

        /// <summary>A number (validated against the JSON grammar; parse it with the TryGet methods).</summary>
        Number = 7,

        /// <summary>The literal true.</summary>
        True = 8,

        /// <summary>The literal false.</summary>
        False = 9,

        /// <summary>The literal null.</summary>
        Null = 10,
    }
}
