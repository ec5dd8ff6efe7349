"""The framework floor: the smallest Streamlit page, served exactly as app.py is."""

import streamlit as st

st.write("Karabakh Atlas benchmark: empty page")
