import copy


def run(solution, inputs, device):
    # a copy, so a solution that fills in defaults in place cannot change what the checks see
    return {"layers": solution.receptive_field(copy.deepcopy(inputs["layers"]), inputs["size"])}
