namespace SecureBase.Pupils;

public sealed record CarerFormView(CarerInput Input);
