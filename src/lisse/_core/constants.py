"""Physical constants [SI] (CODATA 2018 exact values), importable without JAX."""

#: Faraday constant [C/mol].
FARADAY = 96485.33212
#: Molar gas constant [J/(mol K)].
GAS_CONSTANT = 8.314462618
#: Boltzmann constant [eV/K].
BOLTZMANN_EV = 8.617333262e-5
#: Elementary charge [C].
ELEMENTARY_CHARGE = 1.602176634e-19
#: Avogadro constant [1/mol].
AVOGADRO = 6.02214076e23
