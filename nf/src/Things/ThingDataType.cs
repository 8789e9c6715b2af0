namespace LinkKit.Nano
{
    /// <summary>The data types of a thing model (TSL) property, struct member, event output or service parameter.</summary>
    /// <remarks>Wire forms: bool is 0 or 1; float and double always carry a decimal point; date is UTC milliseconds written as a string.</remarks>
    public enum ThingDataType
    {
        /// <summary>Not a data node (no such node).</summary>
        None = 0,

        /// <summary>"int": a 32-bit integer with optional min/max.</summary>
        Int = 1,

        /// <summary>"float": a single-precision number with optional min/max.</summary>
        Float = 2,

        /// <summary>"double": a double-precision number with optional min/max.</summary>
        Double = 3,

        /// <summary>"bool": 0 or 1 on the wire.</summary>
        Bool = 4,

        /// <summary>"enum": one of the integer keys its specs declare.</summary>
        Enum = 5,

        /// <summary>"text": a string of at most its specs' length in UTF-8 bytes.</summary>
        Text = 6,

        /// <summary>"date": UTC milliseconds since 1970, sent as a decimal string.</summary>
        Date = 7,

        /// <summary>"struct": an object whose members are declared in its specs.</summary>
        Struct = 8,

        /// <summary>"array": at most its specs' size elements, each of the item type.</summary>
        Array = 9,
    }
}
