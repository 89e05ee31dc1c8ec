"""Models shipped inside the package (the pkuseg word segmentation model in pkuseg/)."""
