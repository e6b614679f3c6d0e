namespace SecureBase.Pupils;

public static class SenLabels
{
    /// <summary>The census code: N, K or E.</summary>
    public static string Code(SenStatus s) => s switch
    {
        SenStatus.None => "N",
        SenStatus.SenSupport => "K",
        SenStatus.Ehcp => "E",
    };

    public static string Name(SenStatus s) => s switch
    {
        SenStatus.None => "N – no SEN recorded",
        SenStatus.SenSupport => "K – SEN support",
        SenStatus.Ehcp => "E – EHCP",
    };
}
