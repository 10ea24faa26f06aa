// placeholder until the core tests merge
