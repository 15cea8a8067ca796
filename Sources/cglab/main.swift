print("cglab")
